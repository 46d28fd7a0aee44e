/** Login sessions and login throttling, shared by every node through Hazelcast. */
@NullMarked
package io.llm402.ops.session;

import org.jspecify.annotations.NullMarked;

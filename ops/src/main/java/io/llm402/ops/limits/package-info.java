/** The rate limits' cluster-wide store on Hazelcast, and the per-address limits of the management API. */
@NullMarked
package io.llm402.ops.limits;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.llm402.ops.cluster;

import org.jspecify.annotations.NullMarked;

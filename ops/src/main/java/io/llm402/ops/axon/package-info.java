@NullMarked
package io.llm402.ops.axon;

import org.jspecify.annotations.NullMarked;

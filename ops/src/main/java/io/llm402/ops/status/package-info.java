@NullMarked
package io.llm402.ops.status;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.llm402.ops;

import org.jspecify.annotations.NullMarked;

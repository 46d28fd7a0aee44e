@NullMarked
package io.llm402.ops.persistence;

import org.jspecify.annotations.NullMarked;

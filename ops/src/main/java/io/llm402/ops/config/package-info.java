@NullMarked
package io.llm402.ops.config;

import org.jspecify.annotations.NullMarked;

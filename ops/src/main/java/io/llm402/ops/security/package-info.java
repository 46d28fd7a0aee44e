@NullMarked
package io.llm402.ops.security;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.llm402.ops.bootstrap;

import org.jspecify.annotations.NullMarked;

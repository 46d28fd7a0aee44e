@NullMarked
package io.llm402.gateway.usage;

import org.jspecify.annotations.NullMarked;

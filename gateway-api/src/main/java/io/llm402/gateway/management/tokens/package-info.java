@NullMarked
package io.llm402.gateway.management.tokens;

import org.jspecify.annotations.NullMarked;

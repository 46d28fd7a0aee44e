@NullMarked
package io.llm402.gateway.openai;

import org.jspecify.annotations.NullMarked;

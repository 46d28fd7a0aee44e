/** Model lists in each client's own shape: OpenAI, Claude and Gemini. */
@NullMarked
package io.llm402.gateway.models;

import org.jspecify.annotations.NullMarked;

/**
 * An OpenAI Chat client served by a Gemini upstream (api-formats §12), one class per direction:
 * {@link io.llm402.gateway.convert.gemini.ChatRequestToGemini} (its messages through {@code ChatMessagesToGemini}),
 * {@link io.llm402.gateway.convert.gemini.GeminiAnswerToChat} and
 * {@link io.llm402.gateway.convert.gemini.GeminiStreamToChat}.
 */
@NullMarked
package io.llm402.gateway.convert.gemini;

import org.jspecify.annotations.NullMarked;

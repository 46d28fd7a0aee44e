/**
 * Cross-format conversion (api-formats §3.5, §11, §12): pure functions from one wire format's request, answer and
 * stream to another's, with streams as explicit state machines. Usage for billing is read from the upstream's own
 * format elsewhere ({@code metering.UsageNormaliser}); a conversion only re-expresses it for the client.
 *
 * <p>What lives where. One package per family, one class per direction, each named for what it takes and what it
 * gives: {@code claude} serves an OpenAI Chat client from Claude ({@code ChatRequestToClaude},
 * {@code ClaudeAnswerToChat}, {@code ClaudeStreamToChat}) and a Claude Messages client from Chat
 * ({@code ClaudeRequestToChat}, {@code ChatAnswerToClaude}, {@code ChatStreamToClaude}); {@code gemini} a Chat client
 * from Gemini ({@code ChatRequestToGemini}, {@code GeminiAnswerToChat}, {@code GeminiStreamToChat}); {@code responses}
 * an OpenAI Responses client from Chat ({@code ResponsesRequestToChat}, {@code ChatAnswerToResponses},
 * {@code ChatStreamToResponses}). This package holds the entry point and what the families share:
 * {@code upstreams.ChatUpstreams} (a package of its own, above the families: it chooses among them), where the API classes turn a Chat exchange into any channel's
 * format; {@link io.llm402.gateway.convert.StreamConversion}, the contract of every stream converter, where the end
 * of a stream and a malformed upstream event are handled once; {@link io.llm402.gateway.convert.JsonFields}, the
 * lenient field reads; {@link io.llm402.gateway.convert.Ids}, the source of made-up ids, passed in like a
 * {@link java.time.Clock} so that a conversion is a function of its arguments (production passes the system clock and
 * random ids); {@link io.llm402.gateway.convert.ThinkingToContent}, the Chat-to-Chat reasoning filter; and
 * {@link io.llm402.gateway.convert.ConversionException}.
 */
@NullMarked
package io.llm402.gateway.convert;

import org.jspecify.annotations.NullMarked;

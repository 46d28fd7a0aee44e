/**
 * Conversions between OpenAI Chat and Claude Messages (api-formats §11), one class per direction. An OpenAI Chat
 * client served by a Claude upstream: {@link io.llm402.gateway.convert.claude.ChatRequestToClaude} (its messages
 * through {@code ChatMessagesToClaude}), {@link io.llm402.gateway.convert.claude.ClaudeAnswerToChat} and
 * {@link io.llm402.gateway.convert.claude.ClaudeStreamToChat}. A Claude Messages client served by an OpenAI Chat
 * upstream: {@link io.llm402.gateway.convert.claude.ClaudeRequestToChat},
 * {@link io.llm402.gateway.convert.claude.ChatAnswerToClaude} and
 * {@link io.llm402.gateway.convert.claude.ChatStreamToClaude}.
 */
@NullMarked
package io.llm402.gateway.convert.claude;

import org.jspecify.annotations.NullMarked;

/**
 * An OpenAI Responses client served by a Chat Completions upstream (api-formats §3.3–§3.5), one class per direction:
 * {@link io.llm402.gateway.convert.responses.ResponsesRequestToChat},
 * {@link io.llm402.gateway.convert.responses.ChatAnswerToResponses} and
 * {@link io.llm402.gateway.convert.responses.ChatStreamToResponses}.
 */
@NullMarked
package io.llm402.gateway.convert.responses;

import org.jspecify.annotations.NullMarked;

package io.llm402.gateway.convert.claude;

import static io.llm402.gateway.convert.JsonFields.elements;

import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.wire.Json;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole Claude Messages answer as an OpenAI chat completion, for an OpenAI Chat client served by a Claude upstream
 * (api-formats §11.1–§11.3; finish reasons §11.6, usage §11.7); the request went out through
 * {@link ChatRequestToClaude}.
 */
public final class ClaudeAnswerToChat {

    private ClaudeAnswerToChat() {
    }

    /**
     * A whole Claude message as a chat completion answering as {@code clientModel}; {@code created} is read from
     * {@code clock}, and the id, when Claude sent none, taken from {@code ids}.
     */
    public static ObjectNode convert(JsonNode claudeMessage, String clientModel, Clock clock, Ids ids) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode toolCalls = Json.MAPPER.createArrayNode();
        // All blocks of a kind are joined in order (new-api keeps only the last one).
        for (JsonNode block : elements(claudeMessage.path("content"))) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "thinking" -> reasoning.append(block.path("thinking").asString(""));
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject().put("id", block.path("id").asString(""))
                            .put("type", "function");
                    JsonNode input = block.path("input");
                    call.putObject("function").put("name", block.path("name").asString(""))
                            .put("arguments", input.isObject() ? Json.MAPPER.writeValueAsString(input) : "{}");
                }
                default -> {
                    // redacted_thinking and server-tool blocks have no Chat Completions form
                }
            }
        }
        ObjectNode completion = Json.MAPPER.createObjectNode();
        String id = claudeMessage.path("id").asString("");
        completion.put("id", id.isEmpty() ? completionId(ids) : id);
        completion.put("object", "chat.completion");
        completion.put("created", clock.instant().getEpochSecond());
        completion.put("model", clientModel);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(claudeMessage.path("stop_reason").asString("")));
        ClaudeUsageToChat usage = new ClaudeUsageToChat();
        usage.add(claudeMessage.path("usage"));
        completion.set("usage", usage.openAi());
        return completion;
    }

    /** §11.6; a stream cut before any stop reason ends as {@code stop}. */
    static String finishReason(String stopReason) {
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /** A completion id of the gateway's own, for an answer or stream that came without one. */
    static String completionId(Ids ids) {
        return ids.next("chatcmpl-", 32);
    }
}

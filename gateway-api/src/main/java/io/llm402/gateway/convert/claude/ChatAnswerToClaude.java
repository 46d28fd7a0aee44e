package io.llm402.gateway.convert.claude;

import static io.llm402.gateway.convert.JsonFields.count;
import static io.llm402.gateway.convert.JsonFields.elements;
import static io.llm402.gateway.convert.JsonFields.reasoning;
import static io.llm402.gateway.convert.JsonFields.str;

import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.wire.Json;
import java.util.function.ToLongFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole OpenAI chat completion as a Claude Messages answer, for a Claude Messages client served by an OpenAI Chat
 * upstream (api-formats §11.4–§11.7; stop reasons §11.6, usage §11.7); the request went out through
 * {@link ClaudeRequestToChat}. The blocks and usage built here are {@link ChatStreamToClaude}'s too.
 */
public final class ChatAnswerToClaude {

    private ChatAnswerToClaude() {
    }

    /**
     * A whole chat completion as a Claude message answering as {@code clientModel}. Without upstream usage the
     * output is counted with {@code countTokens} and the input reported as 0; ids the upstream did not send come from
     * {@code ids}.
     */
    public static ObjectNode convert(JsonNode chatCompletion, String clientModel, ToLongFunction<String> countTokens,
                                     Ids ids) {
        JsonNode choice = chatCompletion.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode claude = Json.MAPPER.createObjectNode();
        claude.put("id", messageId(chatCompletion.path("id").asString(""), ids));
        claude.put("type", "message");
        claude.put("role", "assistant");
        claude.put("model", clientModel);
        ArrayNode content = claude.putArray("content");
        StringBuilder produced = new StringBuilder();
        String reasoning = reasoning(message);
        if (!reasoning.isEmpty()) {
            content.add(thinkingBlock(reasoning));
            produced.append(reasoning);
        }
        String text = str(message.path("content"));
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
            produced.append(text);
        }
        for (JsonNode call : elements(message.path("tool_calls"))) {
            JsonNode function = call.path("function");
            String arguments = str(function.path("arguments"));
            ObjectNode use = toolUseBlock(str(call.path("id")), str(function.path("name")), ids);
            use.set("input", input(arguments));
            content.add(use);
            produced.append(arguments);
        }
        if (content.isEmpty()) {
            content.addObject().put("type", "text").put("text", ""); // Claude clients expect at least one block
        }
        claude.put("stop_reason", stopReason(str(choice.path("finish_reason"))));
        claude.putNull("stop_sequence");
        JsonNode usage = chatCompletion.path("usage");
        claude.set("usage", usage.isObject() ? claudeUsage(usage)
                : usage(0, 0, 0, countTokens.applyAsLong(produced.toString())));
        return claude;
    }

    /** The upstream's id behind Claude's {@code msg_} prefix, or an id of the gateway's own. */
    static String messageId(String upstreamId, Ids ids) {
        return upstreamId.isEmpty() ? ids.next("msg_", 32) : "msg_" + upstreamId;
    }

    /** The signature stays empty: no Claude signature exists for another model's reasoning (§11.5). */
    static ObjectNode thinkingBlock(String thinking) {
        return Json.MAPPER.createObjectNode().put("type", "thinking").put("thinking", thinking).put("signature", "");
    }

    /** A tool_use block with an empty input; the id is generated when the upstream sent none (edge case 6). */
    static ObjectNode toolUseBlock(String id, String name, Ids ids) {
        ObjectNode block = Json.MAPPER.createObjectNode().put("type", "tool_use")
                .put("id", id.isEmpty() ? ids.next("toolu_", 32) : id)
                .put("name", name);
        block.putObject("input");
        return block;
    }

    /** Tool arguments as Claude's input object; empty or unparsable arguments become {@code {}}. */
    private static ObjectNode input(String arguments) {
        try {
            if (!arguments.isBlank() && Json.MAPPER.readTree(arguments) instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // an upstream's broken JSON must not fail the client's answer; Claude's input is always an object
        }
        return Json.MAPPER.createObjectNode();
    }

    /** §11.6. A missing reason (a cut stream) reads as end_turn. */
    static String stopReason(String finishReason) {
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /**
     * §11.7: OpenAI's prompt count includes cache reads (DeepSeek: {@code prompt_cache_hit_tokens}) and writes;
     * Claude's input count excludes both, so clients that add the three fields count each token once.
     */
    static ObjectNode claudeUsage(JsonNode usage) {
        JsonNode details = usage.path("prompt_tokens_details");
        long cacheRead = count(details.path("cached_tokens"));
        if (cacheRead == 0) {
            cacheRead = count(usage.path("prompt_cache_hit_tokens"));
        }
        long cacheWrite = count(details.path("cache_write_tokens"));
        long input = Math.max(0, count(usage.path("prompt_tokens")) - cacheRead - cacheWrite);
        return usage(input, cacheRead, cacheWrite, count(usage.path("completion_tokens")));
    }

    static ObjectNode usage(long input, long cacheRead, long cacheWrite, long output) {
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("input_tokens", input);
        usage.put("cache_read_input_tokens", cacheRead);
        usage.put("cache_creation_input_tokens", cacheWrite);
        usage.put("output_tokens", output);
        return usage;
    }
}

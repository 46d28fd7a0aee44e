package io.llm402.gateway.convert.claude;

import static io.llm402.gateway.convert.JsonFields.elements;

import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.wire.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Chat request as a Claude Messages request: the way out for an OpenAI Chat client served by a Claude
 * upstream (api-formats §11.1–§11.3 for the three directions); the answer comes back through
 * {@link ClaudeAnswerToChat}, the stream through {@link ClaudeStreamToChat}. {@code reasoning_effort} and model
 * suffixes are not handled here; the reasoning layer edits the converted body afterwards. The messages become Claude's
 * in {@link ChatMessagesToClaude}.
 */
public final class ChatRequestToClaude {
    /**
     * Claude requires {@code max_tokens}; OpenAI clients usually omit it. 4096 fits every Claude model's output limit;
     * the reasoning layer raises it when thinking needs room.
     */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private ChatRequestToClaude() {
    }

    /** A Chat Completions request as a Claude Messages request for {@code upstreamModel}. */
    public static ObjectNode convert(ObjectNode chat, String upstreamModel) throws ConversionException {
        JsonNode n = chat.path("n");
        if (n.isNumber() && n.asLong() > 1) {
            throw new ConversionException("'n' must be 1: Claude returns a single choice per request.");
        }
        String thinkingType = chat.path("thinking").path("type").asString("");
        boolean thinking = thinkingType.equals("enabled") || thinkingType.equals("adaptive");

        ObjectNode claude = Json.MAPPER.createObjectNode();
        claude.put("model", upstreamModel);
        claude.put("max_tokens", maxTokens(chat));
        ChatMessagesToClaude.convert(chat.path("messages"), claude);
        tools(chat, thinking, claude);
        stopSequences(chat.path("stop"), claude);
        JsonNode temperature = chat.path("temperature");
        // Thinking accepts only the default temperature and top_k, and top_p from 0.95 (§13.2, edge case 24).
        if (temperature.isNumber() && !thinking) {
            claude.put("temperature", Math.clamp(temperature.asDouble(), 0.0, 1.0));
        }
        JsonNode topP = chat.path("top_p");
        if (topP.isNumber() && (!thinking || topP.asDouble() >= 0.95)) {
            claude.set("top_p", topP.deepCopy());
        }
        JsonNode topK = chat.path("top_k");
        if (topK.isNumber() && !thinking) {
            claude.set("top_k", topK.deepCopy());
        }
        // stream_options goes: Claude always reports usage; the stream converter decides whether the client sees it.
        if (chat.path("stream").isBoolean()) {
            claude.put("stream", chat.path("stream").asBoolean());
        }
        String user = chat.path("user").asString(chat.path("safety_identifier").asString(""));
        if (!user.isEmpty()) {
            claude.putObject("metadata").put("user_id", user);
        }
        if (chat.path("thinking").isObject()) {
            claude.set("thinking", chat.path("thinking").deepCopy());
        }
        // Structured outputs; json_object has no Claude equivalent and is dropped.
        JsonNode format = chat.path("response_format");
        JsonNode schema = format.path("json_schema").path("schema");
        if (format.path("type").asString("").equals("json_schema") && schema.isObject()) {
            claude.putObject("output_config").putObject("format").put("type", "json_schema")
                    .set("schema", schema.deepCopy());
        }
        return claude;
    }

    private static long maxTokens(JsonNode chat) {
        JsonNode max = chat.path("max_completion_tokens");
        if (!max.isNumber()) {
            max = chat.path("max_tokens");
        }
        return max.isNumber() ? max.asLong() : DEFAULT_MAX_TOKENS;
    }

    private static void tools(JsonNode chat, boolean thinking, ObjectNode claude) throws ConversionException {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (JsonNode tool : elements(chat.path("tools"))) {
            String type = tool.path("type").asString("function");
            if (!type.equals("function")) {
                throw new ConversionException("Tools of type '" + type + "' cannot be sent to Claude.");
            }
            JsonNode function = tool.path("function");
            ObjectNode out = tools.addObject().put("name", function.path("name").asString(""));
            if (function.path("description").isString()) {
                out.put("description", function.path("description").asString());
            }
            JsonNode parameters = function.path("parameters");
            if (parameters.isObject()) {
                out.set("input_schema", parameters.deepCopy());
            } else {
                out.putObject("input_schema").put("type", "object").putObject("properties");
            }
            if (function.path("strict").isBoolean()) {
                out.put("strict", function.path("strict").asBoolean());
            }
            ChatMessagesToClaude.withCacheControl(out, tool);
        }
        if (tools.isEmpty()) {
            return; // Claude rejects tool_choice without tools
        }
        claude.set("tools", tools);
        ObjectNode choice = toolChoice(chat.path("tool_choice"));
        String type = choice == null ? "auto" : choice.path("type").asString();
        if (thinking && (type.equals("any") || type.equals("tool"))) {
            throw new ConversionException("With thinking on, Claude allows tool_choice 'auto' or 'none' only.");
        }
        if (chat.path("parallel_tool_calls").isBoolean() && !chat.path("parallel_tool_calls").asBoolean()
                && !type.equals("none")) {
            if (choice == null) {
                choice = Json.MAPPER.createObjectNode().put("type", "auto");
            }
            choice.put("disable_parallel_tool_use", true);
        }
        if (choice != null) {
            claude.set("tool_choice", choice);
        }
    }

    /** Claude's tool_choice, or null for none given or a kind Claude lacks (allowed_tools); both mean auto. */
    private static @Nullable ObjectNode toolChoice(JsonNode choice) {
        if (choice.isString()) {
            String type = switch (choice.asString()) {
                case "auto" -> "auto";
                case "none" -> "none";
                case "required" -> "any";
                default -> "";
            };
            return type.isEmpty() ? null : Json.MAPPER.createObjectNode().put("type", type);
        }
        if (choice.path("type").asString("").equals("function")) {
            return Json.MAPPER.createObjectNode().put("type", "tool")
                    .put("name", choice.path("function").path("name").asString(""));
        }
        return null;
    }

    /** Claude rejects empty and whitespace-only stop sequences such as {@code "\n"} (edge case 22). */
    private static void stopSequences(JsonNode stop, ObjectNode claude) {
        ArrayNode sequences = Json.MAPPER.createArrayNode();
        for (JsonNode sequence : stop.isString() ? List.of(stop) : elements(stop)) {
            if (sequence.isString() && !sequence.asString().isBlank()) {
                sequences.add(sequence.asString());
            }
        }
        if (!sequences.isEmpty()) {
            claude.set("stop_sequences", sequences);
        }
    }
}

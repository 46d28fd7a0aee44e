package io.llm402.gateway.convert.claude;

import static io.llm402.gateway.convert.JsonFields.elements;

import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.wire.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Claude Messages request as an OpenAI Chat request: the way out for a Claude Messages client (Claude Code) served
 * by an OpenAI Chat upstream (api-formats §11.4); the answer goes back through {@link ChatAnswerToClaude}, the stream
 * through {@link ChatStreamToClaude}. Claude's {@code thinking} setting is not mapped here (the reasoning layer turns
 * it into an effort), nor is {@code max_tokens} clamped to the upstream model's limit.
 */
public final class ClaudeRequestToChat {
    /** OpenAI accepts at most four stop sequences. */
    private static final int MAX_STOP_SEQUENCES = 4;

    private ClaudeRequestToChat() {
    }

    /** A Claude Messages request as a Chat Completions request for {@code upstreamModel}. */
    public static ObjectNode convert(ObjectNode claude, String upstreamModel) throws ConversionException {
        ObjectNode chat = Json.MAPPER.createObjectNode();
        chat.put("model", upstreamModel);
        ArrayNode messages = chat.putArray("messages");
        // cache_control goes: OpenAI-format upstreams cache by themselves.
        String system = text(claude.path("system"));
        if (!system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        for (JsonNode message : elements(claude.path("messages"))) {
            String role = message.path("role").asString("");
            switch (role) {
                case "user" -> user(message.path("content"), messages);
                case "assistant" -> messages.add(assistant(message.path("content")));
                case "system" -> messages.addObject().put("role", "system").put("content",
                        text(message.path("content")));
                default -> throw new ConversionException("Messages with role '" + role
                        + "' cannot be sent to an OpenAI Chat upstream.");
            }
        }
        tools(claude, chat);
        ArrayNode stop = Json.MAPPER.createArrayNode();
        for (JsonNode sequence : elements(claude.path("stop_sequences"))) {
            if (sequence.isString() && stop.size() < MAX_STOP_SEQUENCES) {
                stop.add(sequence.asString());
            }
        }
        if (!stop.isEmpty()) {
            chat.set("stop", stop);
        }
        for (String field : List.of("max_tokens", "temperature", "top_p")) {
            if (claude.path(field).isNumber()) {
                chat.set(field, claude.path(field).deepCopy());
            }
        }
        if (claude.path("stream").isBoolean()) {
            boolean stream = claude.path("stream").asBoolean();
            chat.put("stream", stream);
            if (stream) {
                // Always ask for usage, so that message_delta can report it (§11.4, edge case 3).
                chat.putObject("stream_options").put("include_usage", true);
            }
        }
        String user = claude.path("metadata").path("user_id").asString("");
        if (!user.isEmpty()) {
            chat.put("user", user);
        }
        JsonNode format = claude.path("output_config").path("format");
        if (format.path("type").asString("").equals("json_schema") && format.path("schema").isObject()) {
            ObjectNode schema = chat.putObject("response_format").put("type", "json_schema")
                    .putObject("json_schema").put("name", "output");
            schema.set("schema", format.path("schema").deepCopy());
        }
        return chat;
    }

    /** A system prompt or text-only content: a string, or its text blocks joined by newlines. */
    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : elements(content)) {
            if (block.path("type").asString("").equals("text")) {
                texts.add(block.path("text").asString(""));
            }
        }
        return String.join("\n", texts);
    }

    /**
     * A user turn: one {@code tool} message per tool_result, right after the assistant turn that made the calls as
     * OpenAI requires (edge case 16), then one user message with the rest of the turn.
     */
    private static void user(JsonNode content, ArrayNode messages) throws ConversionException {
        if (content.isString()) {
            messages.addObject().put("role", "user").put("content", content.asString());
            return;
        }
        ArrayNode parts = Json.MAPPER.createArrayNode();
        for (JsonNode block : elements(content)) {
            String type = block.path("type").asString("");
            switch (type) {
                case "tool_result" -> messages.add(toolMessage(block, parts));
                case "text" -> parts.addObject().put("type", "text").put("text", block.path("text").asString(""));
                case "image" -> parts.add(image(block.path("source")));
                case "document" -> parts.add(document(block.path("source")));
                default -> throw new ConversionException("Content blocks of type '" + type
                        + "' cannot be sent to an OpenAI Chat upstream.");
            }
        }
        if (!parts.isEmpty()) {
            messages.addObject().put("role", "user").set("content", parts);
        }
    }

    /**
     * A tool_result as a tool message with its text. Most upstreams take no images in a tool message, so a result's
     * images go to {@code parts}, the user message that follows.
     */
    private static ObjectNode toolMessage(JsonNode result, ArrayNode parts) throws ConversionException {
        JsonNode content = result.path("content");
        List<String> texts = new ArrayList<>();
        if (content.isString()) {
            texts.add(content.asString());
        }
        for (JsonNode block : elements(content)) {
            String type = block.path("type").asString("");
            switch (type) {
                case "text" -> texts.add(block.path("text").asString(""));
                case "image" -> parts.add(image(block.path("source")));
                default -> throw new ConversionException("Tool results with '" + type
                        + "' blocks cannot be sent to an OpenAI Chat upstream.");
            }
        }
        String text = String.join("\n", texts);
        // OpenAI tool messages have no error flag; the model learns of the failure from the text.
        if (result.path("is_error").asBoolean(false)) {
            text = "Error: " + text;
        }
        return Json.MAPPER.createObjectNode().put("role", "tool")
                .put("tool_call_id", result.path("tool_use_id").asString("")).put("content", text);
    }

    private static ObjectNode image(JsonNode source) throws ConversionException {
        String type = source.path("type").asString("");
        String url = switch (type) {
            case "base64" -> "data:" + source.path("media_type").asString("") + ";base64,"
                    + source.path("data").asString("");
            // Stays a URL: new-api's "data:;base64,<url>" is the bug to avoid (edge case 18).
            case "url" -> source.path("url").asString("");
            default -> throw new ConversionException("Images with a '" + type
                    + "' source cannot be sent to an OpenAI Chat upstream.");
        };
        ObjectNode part = Json.MAPPER.createObjectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static ObjectNode document(JsonNode source) throws ConversionException {
        String type = source.path("type").asString("");
        return switch (type) {
            case "base64" -> {
                ObjectNode part = Json.MAPPER.createObjectNode().put("type", "file");
                part.putObject("file").put("filename", "document.pdf").put("file_data", "data:"
                        + source.path("media_type").asString("application/pdf") + ";base64,"
                        + source.path("data").asString(""));
                yield part;
            }
            case "text" -> Json.MAPPER.createObjectNode().put("type", "text").put("text", source.path("data").asString(""));
            default -> throw new ConversionException("Documents with a '" + type
                    + "' source cannot be sent to an OpenAI Chat upstream.");
        };
    }

    private static ObjectNode assistant(JsonNode content) throws ConversionException {
        ObjectNode message = Json.MAPPER.createObjectNode().put("role", "assistant");
        if (content.isString()) {
            return message.put("content", content.asString());
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (JsonNode block : elements(content)) {
            String type = block.path("type").asString("");
            switch (type) {
                case "text" -> text.append(block.path("text").asString(""));
                case "thinking" -> reasoning.append(block.path("thinking").asString(""));
                case "tool_use" -> {
                    JsonNode input = block.path("input");
                    ObjectNode call = calls.addObject().put("id", block.path("id").asString(""))
                            .put("type", "function");
                    call.putObject("function").put("name", block.path("name").asString(""))
                            .put("arguments", input.isObject() ? Json.MAPPER.writeValueAsString(input) : "{}");
                }
                // Encrypted reasoning, and Anthropic's own server tools: nothing another model can read or redo.
                case "redacted_thinking", "server_tool_use" -> {
                }
                default -> {
                    if (!type.endsWith("_tool_result")) {
                        throw new ConversionException("Content blocks of type '" + type
                                + "' cannot be sent to an OpenAI Chat upstream.");
                    }
                }
            }
        }
        // The text stays next to tool calls (new-api drops it); null content is what OpenAI expects with calls only.
        if (!text.isEmpty()) {
            message.put("content", text.toString());
        } else if (!calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", "");
        }
        // DeepSeek's thinking-mode models reject tool-call turns without their reasoning (§9.1, edge case 33b).
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return message;
    }

    private static void tools(JsonNode claude, ObjectNode chat) {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (JsonNode tool : elements(claude.path("tools"))) {
            // Server tools (web_search_20250305, bash_20250124, ...) run inside Anthropic's API; an OpenAI upstream
            // has nothing to run them with, so they are left out.
            if (!tool.path("type").asString("custom").equals("custom")) {
                continue;
            }
            ObjectNode function = tools.addObject().put("type", "function").putObject("function");
            function.put("name", tool.path("name").asString(""));
            if (tool.path("description").isString()) {
                function.put("description", tool.path("description").asString());
            }
            JsonNode schema = tool.path("input_schema");
            if (schema.isObject()) {
                function.set("parameters", schema.deepCopy());
            } else {
                function.putObject("parameters").put("type", "object").putObject("properties");
            }
        }
        if (tools.isEmpty()) {
            return; // OpenAI rejects tool_choice and parallel_tool_calls without tools
        }
        chat.set("tools", tools);
        JsonNode choice = claude.path("tool_choice");
        switch (choice.path("type").asString("")) {
            case "auto" -> chat.put("tool_choice", "auto");
            case "any" -> chat.put("tool_choice", "required");
            case "none" -> chat.put("tool_choice", "none");
            case "tool" -> chat.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", choice.path("name").asString(""));
            default -> {
                // none given: OpenAI's default with tools is auto, as Claude's is
            }
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            chat.put("parallel_tool_calls", false);
        }
    }
}

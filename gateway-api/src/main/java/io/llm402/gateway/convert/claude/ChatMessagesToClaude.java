package io.llm402.gateway.convert.claude;

import static io.llm402.gateway.convert.JsonFields.elements;

import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages of an OpenAI Chat request as Claude's {@code system} and {@code messages}, for
 * {@link ChatRequestToClaude} (api-formats §11): system and developer text hoisted, turns merged to alternate, tool
 * results first in their user turn, content parts as blocks, tool calls as {@code tool_use} with Claude-safe ids.
 */
final class ChatMessagesToClaude {
    /** Sent when the history does not start with a user turn, which Claude requires (new-api sends the same). */
    private static final String PLACEHOLDER_USER_TEXT = "...";
    private static final Pattern NOT_AN_ID_CHARACTER = Pattern.compile("[^a-zA-Z0-9_-]");
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private ChatMessagesToClaude() {
    }

    /** One Claude turn being built: tool results stay ahead of everything else in a user turn, as Claude requires. */
    private record Turn(String role, List<ObjectNode> results, List<ObjectNode> blocks) {
    }

    /** Adds {@code system}, when there is system text, and {@code messages} to {@code claude}. */
    static void convert(JsonNode messages, ObjectNode claude) throws ConversionException {
        ArrayNode system = Json.MAPPER.createArrayNode();
        List<Turn> turns = new ArrayList<>();
        for (JsonNode message : elements(messages)) {
            String role = message.path("role").asString("");
            switch (role) {
                // Claude has no developer role; both are hoisted in order.
                case "system", "developer" -> {
                    for (ObjectNode block : blocks(message.path("content"))) {
                        if (!block.path("type").asString("").equals("text")) {
                            throw new ConversionException("System messages may only contain text.");
                        }
                        system.add(block);
                    }
                }
                case "user" -> append(turns, "user", List.of(), blocks(message.path("content")));
                case "assistant" -> append(turns, "assistant", List.of(), assistantBlocks(message));
                case "tool" -> append(turns, "user", List.of(toolResult(message)), List.of());
                default -> throw new ConversionException("Messages with role '" + role + "' cannot be sent to Claude.");
            }
        }
        if (turns.isEmpty() || !turns.getFirst().role().equals("user")) {
            turns.addFirst(new Turn("user", List.of(), List.of(text(PLACEHOLDER_USER_TEXT))));
        }
        if (!system.isEmpty()) {
            claude.set("system", system);
        }
        ArrayNode out = claude.putArray("messages");
        for (Turn turn : turns) {
            ObjectNode message = out.addObject().put("role", turn.role());
            List<ObjectNode> content = new ArrayList<>(turn.results());
            content.addAll(turn.blocks());
            ObjectNode only = content.getFirst();
            if (content.size() == 1 && only.size() == 2 && only.path("type").asString("").equals("text")) {
                message.put("content", only.path("text").asString());
            } else {
                message.set("content", array(content));
            }
        }
    }

    /** Adds to the last turn when the role repeats (Claude wants alternating turns); empty messages add nothing. */
    private static void append(List<Turn> turns, String role, List<ObjectNode> results, List<ObjectNode> blocks) {
        if (results.isEmpty() && blocks.isEmpty()) {
            return;
        }
        if (turns.isEmpty() || !turns.getLast().role().equals(role)) {
            turns.add(new Turn(role, new ArrayList<>(), new ArrayList<>()));
        }
        turns.getLast().results().addAll(results);
        turns.getLast().blocks().addAll(blocks);
    }

    /** OpenAI content (a string or parts) as Claude blocks; empty text is dropped, since Claude rejects it. */
    private static List<ObjectNode> blocks(JsonNode content) throws ConversionException {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content.isString()) {
            addText(blocks, content.asString(), content);
            return blocks;
        }
        for (JsonNode part : elements(content)) {
            String type = part.path("type").asString("");
            switch (type) {
                case "text" -> addText(blocks, part.path("text").asString(""), part);
                case "refusal" -> addText(blocks, part.path("refusal").asString(""), part);
                case "image_url" -> blocks.add(withCacheControl(image(part.path("image_url")), part));
                case "file" -> blocks.add(withCacheControl(document(part.path("file")), part));
                default -> throw new ConversionException("Content parts of type '" + type
                        + "' cannot be sent to Claude.");
            }
        }
        return blocks;
    }

    private static void addText(List<ObjectNode> blocks, String text, JsonNode part) {
        if (!text.isEmpty()) {
            blocks.add(withCacheControl(text(text), part));
        }
    }

    private static ObjectNode text(String text) {
        return Json.MAPPER.createObjectNode().put("type", "text").put("text", text);
    }

    /** Keeps a client's {@code cache_control} (the OpenRouter/LiteLLM extension) on the block made from its part. */
    static ObjectNode withCacheControl(ObjectNode block, JsonNode part) {
        if (part.path("cache_control").isObject()) {
            block.set("cache_control", part.path("cache_control").deepCopy());
        }
        return block;
    }

    private static ObjectNode image(JsonNode imageUrl) throws ConversionException {
        String url = imageUrl.isString() ? imageUrl.asString() : imageUrl.path("url").asString("");
        ObjectNode image = Json.MAPPER.createObjectNode().put("type", "image");
        ObjectNode source = image.putObject("source");
        if (url.startsWith("data:")) {
            Base64Data data = base64(url);
            if (!IMAGE_TYPES.contains(data.mediaType())) {
                throw new ConversionException("Claude accepts JPEG, PNG, GIF and WebP images, not '"
                        + data.mediaType() + "'.");
            }
            source.put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            // Claude fetches URLs itself, so the gateway neither downloads nor inlines them.
            source.put("type", "url").put("url", url);
        } else {
            throw new ConversionException("Image URLs must be http(s) URLs or base64 data: URIs.");
        }
        return image;
    }

    private static ObjectNode document(JsonNode file) throws ConversionException {
        String fileData = file.path("file_data").asString("");
        if (fileData.isEmpty()) {
            throw new ConversionException("Files must be sent inline as 'file_data'; Claude cannot read 'file_id'.");
        }
        // OpenAI documents file_data as a data: URI, but some clients send the bare base64 of a PDF.
        Base64Data data = fileData.startsWith("data:") ? base64(fileData) : new Base64Data("application/pdf", fileData);
        if (!data.mediaType().equals("application/pdf")) {
            throw new ConversionException("Claude accepts PDF files only, not '" + data.mediaType() + "'.");
        }
        ObjectNode document = Json.MAPPER.createObjectNode().put("type", "document");
        document.putObject("source").put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
        return document;
    }

    private record Base64Data(String mediaType, String data) {
    }

    private static Base64Data base64(String dataUri) throws ConversionException {
        int comma = dataUri.indexOf(',');
        String header = comma < 0 ? "" : dataUri.substring("data:".length(), comma);
        if (!header.endsWith(";base64")) {
            throw new ConversionException("data: URIs must be base64-encoded.");
        }
        String mediaType = header.substring(0, header.indexOf(';')).toLowerCase(Locale.ROOT);
        // "image/jpg" is not a registered type, but clients send it for JPEGs.
        return new Base64Data(mediaType.equals("image/jpg") ? "image/jpeg" : mediaType, dataUri.substring(comma + 1));
    }

    private static List<ObjectNode> assistantBlocks(JsonNode message) throws ConversionException {
        List<ObjectNode> blocks = new ArrayList<>();
        // Claude checks the signature it issued for every thinking block sent back, so reasoning_content alone (or
        // another model's reasoning) would be rejected and is dropped. Only LiteLLM-style thinking_blocks, which carry
        // Claude's signature, are replayed, first in the turn as Claude requires (edge case 28).
        for (JsonNode block : elements(message.path("thinking_blocks"))) {
            String type = block.path("type").asString("");
            if (type.equals("thinking") && !block.path("signature").asString("").isEmpty()) {
                blocks.add(Json.MAPPER.createObjectNode().put("type", "thinking")
                        .put("thinking", block.path("thinking").asString(""))
                        .put("signature", block.path("signature").asString()));
            } else if (type.equals("redacted_thinking") && !block.path("data").asString("").isEmpty()) {
                blocks.add(Json.MAPPER.createObjectNode().put("type", "redacted_thinking")
                        .put("data", block.path("data").asString()));
            }
        }
        blocks.addAll(blocks(message.path("content")));
        for (JsonNode call : elements(message.path("tool_calls"))) {
            JsonNode function = call.path("function");
            String name = function.path("name").asString("");
            ObjectNode use = Json.MAPPER.createObjectNode().put("type", "tool_use")
                    .put("id", toolId(call.path("id").asString(""))).put("name", name);
            use.set("input", toolInput(function.path("arguments"), name));
            blocks.add(use);
        }
        return blocks;
    }

    /**
     * Tool arguments as Claude's {@code input} object. Empty arguments become {@code {}} (edge case 13): Claude
     * rejects any other {@code input}, and a bad tool_use in history breaks every later request of the conversation.
     */
    private static ObjectNode toolInput(JsonNode arguments, String name) throws ConversionException {
        if (arguments instanceof ObjectNode object) {
            return object.deepCopy(); // some clients send the object instead of its JSON text
        }
        String text = arguments.isString() ? arguments.asString() : "";
        if (text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            if (Json.MAPPER.readTree(text) instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // rejected below, like any other non-object
        }
        throw new ConversionException("The arguments of tool call '" + name + "' are not a JSON object.");
    }

    private static ObjectNode toolResult(JsonNode message) throws ConversionException {
        ObjectNode result = Json.MAPPER.createObjectNode().put("type", "tool_result")
                .put("tool_use_id", toolId(message.path("tool_call_id").asString("")));
        JsonNode content = message.path("content");
        if (content.isString()) {
            if (!content.asString().isEmpty()) {
                result.put("content", content.asString());
            }
        } else {
            List<ObjectNode> blocks = blocks(content);
            if (!blocks.isEmpty()) {
                result.set("content", array(blocks));
            }
        }
        return result;
    }

    /**
     * Claude ids must match {@code ^[a-zA-Z0-9_-]+$} (edge case 15; Kimi sends {@code functions.get_time:1}). Every
     * other character becomes {@code _}; being a pure function of the id, it maps a tool_use id and the tool_result
     * that answers it alike.
     */
    static String toolId(String id) {
        String clean = NOT_AN_ID_CHARACTER.matcher(id).replaceAll("_");
        return clean.isEmpty() ? "_" : clean;
    }

    private static ArrayNode array(List<ObjectNode> nodes) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (ObjectNode node : nodes) {
            array.add(node);
        }
        return array;
    }
}

package io.llm402.gateway.convert.gemini;

import static io.llm402.gateway.convert.JsonFields.str;

import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.wire.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages of an OpenAI Chat request as Gemini {@code contents} and {@code systemInstruction}, for
 * {@link ChatRequestToGemini} (api-formats §12.1): user parts with their images, audio and files, model turns with
 * their function calls and signatures, tool answers as function responses.
 */
final class ChatMessagesToGemini {

    private static final Map<String, String> MIME_BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("mp3", "audio/mp3"), Map.entry("wav", "audio/wav"), Map.entry("mp4", "video/mp4"),
            Map.entry("mov", "video/quicktime"), Map.entry("webm", "video/webm"));

    private ChatMessagesToGemini() {
    }

    /** Adds {@code contents} and, when there is system text, {@code systemInstruction} to {@code gemini}. */
    static void convert(JsonNode messages, ObjectNode gemini) throws ConversionException {
        ArrayNode contents = gemini.putArray("contents");
        List<String> system = new ArrayList<>();
        // Filled as assistant turns go by, so a reused id resolves to its latest call.
        Map<String, String> toolNames = new HashMap<>();
        // All answers to one model turn share one user content (§12.1; Gemini counts them against the calls).
        @Nullable ArrayNode responses = null;
        for (JsonNode message : messages) {
            String role = str(message.path("role"));
            if (role.equals("tool") || role.equals("function")) {
                if (responses == null) {
                    responses = Json.MAPPER.createArrayNode();
                }
                responses.add(functionResponse(message, toolNames));
                continue;
            }
            if (responses != null) {
                addContent(contents, "user", responses);
                responses = null;
            }
            switch (role) {
                case "system", "developer" -> {
                    String text = text(message.path("content"));
                    if (!text.isEmpty()) {
                        system.add(text);
                    }
                }
                case "user" -> addContent(contents, "user", userParts(message.path("content")));
                case "assistant" -> addContent(contents, "model", modelParts(message, toolNames));
                default -> throw new ConversionException("message role '" + role + "' is not supported for this model");
            }
        }
        if (responses != null) {
            addContent(contents, "user", responses);
        }
        if (!system.isEmpty()) {
            gemini.putObject("systemInstruction").putArray("parts").addObject().put("text", String.join("\n", system));
        }
    }

    /** Gemini rejects a content with no parts ("contents.parts must not be empty"), so such turns are dropped. */
    private static void addContent(ArrayNode contents, String role, ArrayNode parts) {
        if (!parts.isEmpty()) {
            ObjectNode content = contents.addObject();
            content.put("role", role);
            content.set("parts", parts);
        }
    }

    private static ArrayNode userParts(JsonNode content) throws ConversionException {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        if (!content.isArray()) {
            addText(parts, str(content));
            return parts;
        }
        for (JsonNode part : content) {
            String type = str(part.path("type"));
            switch (type) {
                case "text" -> addText(parts, str(part.path("text")));
                case "image_url" -> {
                    JsonNode image = part.path("image_url");
                    parts.add(image(image.isString() ? image.asString() : str(image.path("url"))));
                }
                case "input_audio" -> {
                    JsonNode audio = part.path("input_audio");
                    parts.add(inline("audio/" + str(audio.path("format"), "wav"), str(audio.path("data"))));
                }
                case "file" -> parts.add(file(part.path("file")));
                default -> throw new ConversionException("content part type '" + type
                        + "' is not supported for this model");
            }
        }
        return parts;
    }

    private static void addText(ArrayNode parts, String text) {
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }

    /**
     * A data URI is sent inline. An http(s) URL is passed as {@code fileData} with a MIME type guessed from the path
     * (image/jpeg when it says nothing): the converter stays pure, and downloading (size cap, SSRF rules, sniffing) is
     * the relay's decision, since Gemini fetches only some public URLs itself (§12.1, §14.18).
     */
    private static ObjectNode image(String url) throws ConversionException {
        if (url.startsWith("data:")) {
            return dataUri(url);
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://") && !lower.startsWith("gs://")) {
            throw new ConversionException("image_url must be a data: URI or an http(s) URL");
        }
        ObjectNode part = Json.MAPPER.createObjectNode();
        ObjectNode file = part.putObject("fileData");
        file.put("mimeType", guessMime(url, "image/jpeg"));
        file.put("fileUri", url);
        return part;
    }

    private static ObjectNode file(JsonNode file) throws ConversionException {
        String data = str(file.path("file_data"));
        if (data.isEmpty()) {
            throw new ConversionException("file parts need file_data for this model; file_id is not supported");
        }
        return data.startsWith("data:") ? dataUri(data)
                : inline(guessMime(str(file.path("filename")), "application/pdf"), data);
    }

    private static ObjectNode dataUri(String uri) throws ConversionException {
        int comma = uri.indexOf(',');
        String meta = comma < 0 ? "" : uri.substring("data:".length(), comma);
        if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw new ConversionException("data: URIs must be base64-encoded");
        }
        String mime = meta.substring(0, meta.indexOf(';'));
        return inline(mime.isEmpty() ? "application/octet-stream" : mime, uri.substring(comma + 1));
    }

    private static ObjectNode inline(String mime, String data) {
        ObjectNode part = Json.MAPPER.createObjectNode();
        ObjectNode inline = part.putObject("inlineData");
        inline.put("mimeType", mime);
        inline.put("data", data);
        return part;
    }

    static String guessMime(String url, String fallback) {
        String path = url;
        int cut = path.indexOf('?');
        path = cut < 0 ? path : path.substring(0, cut);
        cut = path.indexOf('#');
        path = cut < 0 ? path : path.substring(0, cut);
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return fallback;
        }
        return MIME_BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), fallback);
    }

    /**
     * Text first, then every call of the turn in this one content: in a parallel batch only the first call carries a
     * signature, so splitting the batch would leave the others unsigned (§6.2). Reasoning text is not replayed: Gemini
     * does not take thoughts back.
     */
    private static ArrayNode modelParts(JsonNode message, Map<String, String> toolNames) throws ConversionException {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        addText(parts, text(message.path("content")));
        List<JsonNode> calls = new ArrayList<>();
        message.path("tool_calls").forEach(calls::add);
        if (message.path("function_call").isObject()) {
            calls.add(message); // legacy single function_call: the message itself holds `function_call`
        }
        boolean first = true;
        for (JsonNode call : calls) {
            JsonNode function = call.has("function_call") ? call.path("function_call") : call.path("function");
            String name = str(function.path("name"));
            if (name.isEmpty()) {
                throw new ConversionException("an assistant tool call has no function name");
            }
            toolNames.put(str(call.path("id")), name);
            ObjectNode part = parts.addObject();
            ObjectNode functionCall = part.putObject("functionCall");
            functionCall.put("name", name);
            functionCall.set("args", arguments(function.path("arguments")));
            String signature = signature(call);
            if (signature != null) {
                part.put("thoughtSignature", signature);
            } else if (first) {
                part.put("thoughtSignature", ChatRequestToGemini.SKIP_SIGNATURE);
            }
            first = false;
        }
        return parts;
    }

    private static @Nullable String signature(JsonNode call) {
        JsonNode google = call.path("extra_content").path("google");
        String signature = str(google.path("thought_signature"), str(google.path("thoughtSignature")));
        return signature.isEmpty() ? null : signature;
    }

    /** Arguments are a JSON string; empty, blank or {@code null} mean no arguments (§14.13). */
    private static JsonNode arguments(JsonNode arguments) throws ConversionException {
        if (arguments.isObject()) {
            return arguments.deepCopy();
        }
        String text = str(arguments).strip();
        if (text.isEmpty()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(text);
            if (parsed.isObject()) {
                return parsed;
            }
            if (parsed.isNull()) {
                return Json.MAPPER.createObjectNode();
            }
        } catch (JacksonException e) {
            // reported below
        }
        throw new ConversionException("tool call arguments must be a JSON object: "
                + (text.length() > 80 ? text.substring(0, 80) + "..." : text));
    }

    private static ObjectNode functionResponse(JsonNode message, Map<String, String> toolNames)
            throws ConversionException {
        String id = str(message.path("tool_call_id"));
        String name = toolNames.getOrDefault(id, str(message.path("name")));
        if (name.isEmpty()) {
            throw new ConversionException("the tool message for tool_call_id '" + id + "' answers no earlier tool call");
        }
        ObjectNode part = Json.MAPPER.createObjectNode();
        ObjectNode response = part.putObject("functionResponse");
        response.put("name", name);
        response.set("response", responseObject(text(message.path("content"))));
        return part;
    }

    /** {@code response} must be an object: a JSON object as is, an array as {@code result}, else the text (new-api). */
    private static ObjectNode responseObject(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode parsed = Json.MAPPER.readTree(trimmed);
                if (parsed instanceof ObjectNode object) {
                    return object;
                }
                if (parsed.isArray()) {
                    ObjectNode wrapped = Json.MAPPER.createObjectNode();
                    wrapped.set("result", parsed);
                    return wrapped;
                }
            } catch (JacksonException e) {
                // not JSON after all: sent as text
            }
        }
        ObjectNode wrapped = Json.MAPPER.createObjectNode();
        wrapped.put("content", text);
        return wrapped;
    }

    /** Text of a string content or of its text (and refusal) parts. */
    private static String text(JsonNode content) {
        if (!content.isArray()) {
            return str(content);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(str(part.path("text"), str(part.path("refusal"))));
        }
        return text.toString();
    }
}

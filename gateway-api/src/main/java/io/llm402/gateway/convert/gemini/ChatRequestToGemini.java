package io.llm402.gateway.convert.gemini;

import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Chat client served by a Gemini upstream (api-formats §12): the request body for
 * {@code generateContent}/{@code streamGenerateContent} (the model goes in the URL), the answer, and the stream.
 *
 * <p>Thought signatures travel through the client in Google's own field
 * {@code tool_calls[].extra_content.google.thought_signature} (§12.5 option 3): answers put them there, requests read
 * them back. A replayed call batch whose first call has none gets Google's sentinel, so history from other models or
 * from clients that drop unknown fields still validates. Reasoning effort is not mapped here: the reasoning layer
 * writes {@code thinkingConfig} onto the converted body.
 */
public final class ChatRequestToGemini {

    /** Google's documented stand-in for a signature the gateway does not know (§6.2, §12.5). */
    public static final String SKIP_SIGNATURE = "skip_thought_signature_validator";
    private static final Logger log = LoggerFactory.getLogger(ChatRequestToGemini.class);
    private static final int MAX_STOP_SEQUENCES = 5;
    /** Function names new-api treats as Gemini's built-in tools (§12.1). */
    private static final Set<String> BUILT_IN_TOOLS = Set.of("googleSearch", "codeExecution", "urlContext");
    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "LANGUAGE");
    private static final Set<String> TOOL_FAILURES = Set.of("MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL",
            "TOO_MANY_TOOL_CALLS");
    private static final Map<String, String> MIME_BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("mp3", "audio/mp3"), Map.entry("wav", "audio/wav"), Map.entry("mp4", "video/mp4"),
            Map.entry("mov", "video/quicktime"), Map.entry("webm", "video/webm"));

    private ChatRequestToGemini() {
    }

    // ---------------------------------------------------------------------------------------------------- request

    /** The Gemini request body for an OpenAI Chat request (§12.1, TV-07). */
    public static ObjectNode request(ObjectNode chat) throws ConversionException {
        ObjectNode gemini = Json.MAPPER.createObjectNode();
        ArrayNode contents = gemini.putArray("contents");
        List<String> system = new ArrayList<>();
        // Filled as assistant turns go by, so a reused id resolves to its latest call.
        Map<String, String> toolNames = new HashMap<>();
        // All answers to one model turn share one user content (§12.1; Gemini counts them against the calls).
        @Nullable ArrayNode responses = null;
        for (JsonNode message : chat.path("messages")) {
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
        ArrayNode tools = tools(chat);
        if (!tools.isEmpty()) {
            gemini.set("tools", tools);
        }
        ObjectNode toolConfig = toolConfig(chat.path("tool_choice"));
        if (toolConfig != null) {
            gemini.set("toolConfig", toolConfig);
        }
        ObjectNode generation = generationConfig(chat);
        if (!generation.isEmpty()) {
            gemini.set("generationConfig", generation);
        }
        return gemini;
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
                part.put("thoughtSignature", SKIP_SIGNATURE);
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

    /**
     * Declarations go as {@code parametersJsonSchema} (full JSON Schema, no OpenAPI-subset cleaning needed); a
     * parameterless object schema is left out altogether, since Gemini rejects an object with no properties (§14.31).
     */
    private static ArrayNode tools(JsonNode chat) throws ConversionException {
        ArrayNode declarations = Json.MAPPER.createArrayNode();
        Set<String> builtIns = new LinkedHashSet<>();
        for (JsonNode tool : chat.path("tools")) {
            String type = str(tool.path("type"), "function");
            if (!type.equals("function")) {
                throw new ConversionException("tool type '" + type + "' is not supported for this model");
            }
            JsonNode function = tool.path("function");
            String name = str(function.path("name"));
            if (name.isEmpty()) {
                throw new ConversionException("a function tool has no name");
            }
            if (BUILT_IN_TOOLS.contains(name)) {
                builtIns.add(name);
                continue;
            }
            ObjectNode declaration = declarations.addObject();
            declaration.put("name", name);
            String description = str(function.path("description"));
            if (!description.isEmpty()) {
                declaration.put("description", description);
            }
            JsonNode parameters = function.path("parameters");
            if (parameters.isObject() && !withoutProperties(parameters)) {
                declaration.set("parametersJsonSchema", parameters.deepCopy());
            }
        }
        JsonNode webSearch = chat.path("web_search_options");
        if (!webSearch.isMissingNode() && !webSearch.isNull()) {
            builtIns.add("googleSearch");
        }
        ArrayNode tools = Json.MAPPER.createArrayNode();
        if (!declarations.isEmpty()) {
            tools.addObject().set("functionDeclarations", declarations);
        }
        for (String builtIn : builtIns) {
            tools.addObject().putObject(builtIn);
        }
        return tools;
    }

    private static boolean withoutProperties(JsonNode schema) {
        JsonNode additional = schema.path("additionalProperties");
        return "object".equals(str(schema.path("type"))) && schema.path("properties").isEmpty()
                && (additional.isMissingNode() || additional.isNull() || additional.isBoolean() && !additional.asBoolean());
    }

    private static @Nullable ObjectNode toolConfig(JsonNode choice) throws ConversionException {
        String mode;
        List<String> allowed = new ArrayList<>();
        if (choice.isString()) {
            mode = switch (choice.asString()) {
                case "auto" -> "AUTO";
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> throw new ConversionException("tool_choice '" + choice.asString() + "' is not supported");
            };
        } else if (choice.isObject()) {
            String type = str(choice.path("type"));
            if (type.equals("function")) {
                mode = "ANY";
                allowed.add(str(choice.path("function").path("name"), str(choice.path("name"))));
            } else if (type.equals("allowed_tools")) {
                JsonNode tools = choice.path("allowed_tools");
                // allowedFunctionNames only binds in ANY mode, so "auto" over a subset degrades to plain AUTO.
                mode = "required".equals(str(tools.path("mode"))) ? "ANY" : "AUTO";
                if (mode.equals("ANY")) {
                    for (JsonNode tool : tools.path("tools")) {
                        allowed.add(str(tool.path("function").path("name"), str(tool.path("name"))));
                    }
                }
            } else {
                throw new ConversionException("tool_choice type '" + type + "' is not supported for this model");
            }
        } else {
            return null;
        }
        ObjectNode config = Json.MAPPER.createObjectNode();
        ObjectNode calling = config.putObject("functionCallingConfig");
        calling.put("mode", mode);
        allowed.removeIf(String::isEmpty);
        if (!allowed.isEmpty()) {
            ArrayNode names = calling.putArray("allowedFunctionNames");
            allowed.forEach(names::add);
        }
        return config;
    }

    private static ObjectNode generationConfig(JsonNode chat) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        copyNumber(chat, "temperature", config, "temperature");
        copyNumber(chat, "top_p", config, "topP");
        copyNumber(chat, "top_k", config, "topK");
        copyNumber(chat, chat.path("max_completion_tokens").isNumber() ? "max_completion_tokens" : "max_tokens",
                config, "maxOutputTokens");
        ArrayNode stops = stopSequences(chat.path("stop"));
        if (!stops.isEmpty()) {
            config.set("stopSequences", stops);
        }
        copyNumber(chat, "n", config, "candidateCount");
        copyNumber(chat, "seed", config, "seed");
        copyNumber(chat, "presence_penalty", config, "presencePenalty");
        copyNumber(chat, "frequency_penalty", config, "frequencyPenalty");
        JsonNode format = chat.path("response_format");
        switch (str(format.path("type"))) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").path("schema");
                if (schema.isObject()) {
                    config.set("responseJsonSchema", schema.deepCopy());
                }
            }
            default -> {
                // "text" or absent: Gemini's default
            }
        }
        ObjectNode thinking = thinkingConfig(chat);
        if (thinking != null) {
            config.set("thinkingConfig", thinking);
        }
        return config;
    }

    private static void copyNumber(JsonNode from, String field, ObjectNode to, String target) {
        JsonNode value = from.path(field);
        if (value.isNumber()) {
            to.set(target, value.deepCopy());
        }
    }

    /** Gemini takes at most 5 stop sequences (OpenAI 4); empty ones are dropped (§14.22). */
    private static ArrayNode stopSequences(JsonNode stop) {
        ArrayNode sequences = Json.MAPPER.createArrayNode();
        List<JsonNode> all = new ArrayList<>();
        if (stop.isArray()) {
            stop.forEach(all::add);
        } else {
            all.add(stop);
        }
        for (JsonNode sequence : all) {
            String text = str(sequence);
            if (!text.isEmpty() && sequences.size() < MAX_STOP_SEQUENCES) {
                sequences.add(text);
            }
        }
        return sequences;
    }

    /**
     * A caller's explicit Gemini thinking settings, as Google's OpenAI-compatible endpoint takes them
     * ({@code extra_body.google.thinking_config}; the SDKs may flatten {@code extra_body} into the body), with keys
     * turned to camelCase. Absent, there is none: effort and suffixes are the reasoning layer's job (§13.3).
     */
    private static @Nullable ObjectNode thinkingConfig(JsonNode chat) {
        JsonNode[] holders = {chat.path("extra_body").path("google"), chat.path("google"), chat.path("extra_body"),
                chat};
        for (JsonNode holder : holders) {
            for (String key : List.of("thinking_config", "thinkingConfig")) {
                if (holder.path(key).isObject()) {
                    ObjectNode camel = Json.MAPPER.createObjectNode();
                    for (Map.Entry<String, JsonNode> entry : holder.path(key).properties()) {
                        camel.set(camelCase(entry.getKey()), entry.getValue().deepCopy());
                    }
                    return camel;
                }
            }
        }
        return null;
    }

    private static String camelCase(String key) {
        StringBuilder camel = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    // --------------------------------------------------------------------------------------------------- response

    /** A whole Gemini answer as a {@code chat.completion} (§12.2–§12.4); one choice per candidate. */
    public static ObjectNode response(JsonNode gemini, String clientModel) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        String responseId = str(gemini.path("responseId"));
        out.put("id", responseId.isEmpty() ? "chatcmpl-" + randomId() : responseId);
        out.put("object", "chat.completion");
        out.put("created", Instant.now().getEpochSecond());
        out.put("model", clientModel);
        ArrayNode choices = out.putArray("choices");
        JsonNode candidates = gemini.path("candidates");
        if (candidates.isEmpty()) {
            // A blocked prompt comes back without candidates; the client gets an empty, filtered answer.
            ObjectNode choice = choices.addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", "");
            boolean blocked = gemini.path("promptFeedback").path("blockReason").isString();
            choice.put("finish_reason", blocked ? "content_filter" : "stop");
        }
        int position = 0;
        for (JsonNode candidate : candidates) {
            choices.add(choice(candidate, position++));
        }
        ObjectNode usage = usage(gemini.path("usageMetadata"));
        if (usage != null) {
            out.set("usage", usage);
        }
        return out;
    }

    private static ObjectNode choice(JsonNode candidate, int position) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.has("functionCall")) {
                calls.add(toolCall(part, -1));
            } else if (part.path("thought").asBoolean(false)) {
                reasoning.append(str(part.path("text")));
            } else {
                text.append(visibleText(part));
            }
        }
        ObjectNode choice = Json.MAPPER.createObjectNode();
        choice.put("index", candidate.path("index").isNumber() ? candidate.path("index").asInt() : position);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.put("finish_reason", finishReason(str(candidate.path("finishReason"), "STOP"), !calls.isEmpty()));
        return choice;
    }

    /** Non-thought output: text, image output as markdown and code execution as fenced blocks (new-api). */
    private static String visibleText(JsonNode part) {
        if (part.path("text").isString()) {
            return part.path("text").asString();
        }
        JsonNode inline = part.path("inlineData");
        String mime = str(inline.path("mimeType"));
        if (mime.startsWith("image/")) {
            return "![image](data:" + mime + ";base64," + str(inline.path("data")) + ")";
        }
        if (part.path("executableCode").isObject()) {
            JsonNode code = part.path("executableCode");
            return "\n```" + str(code.path("language")).toLowerCase(Locale.ROOT) + "\n"
                    + str(code.path("code")) + "\n```\n";
        }
        if (part.path("codeExecutionResult").isObject()) {
            return "\n```\n" + str(part.path("codeExecutionResult").path("output")) + "\n```\n";
        }
        return "";
    }

    /**
     * One complete OpenAI tool call; {@code index} only in stream deltas (negative: none). Gemini seldom sends an id,
     * so one is made up, unique across conversations since a client keys its history by it.
     */
    private static ObjectNode toolCall(JsonNode part, int index) {
        JsonNode function = part.path("functionCall");
        ObjectNode call = Json.MAPPER.createObjectNode();
        if (index >= 0) {
            call.put("index", index);
        }
        String id = str(function.path("id"));
        call.put("id", id.isEmpty() ? "call_" + randomId() : id);
        call.put("type", "function");
        ObjectNode target = call.putObject("function");
        target.put("name", str(function.path("name")));
        JsonNode args = function.path("args");
        target.put("arguments", args.isObject() ? Json.MAPPER.writeValueAsString(args) : "{}");
        String signature = str(part.path("thoughtSignature"));
        if (!signature.isEmpty()) {
            call.putObject("extra_content").putObject("google").put("thought_signature", signature);
        }
        return call;
    }

    /** §12.4; a tool-call turn still finishes with STOP. */
    static String finishReason(String gemini, boolean toolCalls) {
        if (gemini.equals("STOP")) {
            return toolCalls ? "tool_calls" : "stop";
        }
        if (gemini.equals("MAX_TOKENS")) {
            return "length";
        }
        if (FILTERED.contains(gemini)) {
            return "content_filter";
        }
        if (TOOL_FAILURES.contains(gemini)) {
            log.warn("Gemini ended a turn with {}; the client sees finish_reason stop", gemini);
        }
        return "stop";
    }

    /**
     * §12.3: tool-use prompt tokens are prompt, thoughts are completion (and reasoning); the cache is part of the
     * prompt as in OpenAI.
     */
    static @Nullable ObjectNode usage(JsonNode metadata) {
        if (!metadata.isObject()) {
            return null;
        }
        long prompt = count(metadata.path("promptTokenCount")) + count(metadata.path("toolUsePromptTokenCount"));
        long thoughts = count(metadata.path("thoughtsTokenCount"));
        long completion = count(metadata.path("candidatesTokenCount")) + thoughts;
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", metadata.path("totalTokenCount").isNumber()
                ? count(metadata.path("totalTokenCount")) : prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", count(metadata.path("cachedContentTokenCount")));
        usage.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
        return usage;
    }

    /** The node's text when it is a JSON string; anything else (missing, null, a number, a container) is "". */
    private static String str(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }

    private static String str(JsonNode node, String fallback) {
        return node.isString() ? node.asString() : fallback;
    }

    private static long count(JsonNode node) {
        return node.isNumber() ? Math.max(0, node.asLong()) : 0;
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    // ----------------------------------------------------------------------------------------------------- stream

    /**
     * Gemini SSE chunks in, OpenAI chunks out (§12.2 streaming, TV-08). Candidate 0 only: Gemini does not stream
     * several candidates. Each run of same-kind parts in a chunk becomes one chunk; a function call arrives whole and
     * leaves whole, with an {@code index} that keeps counting across chunks (§14.5).
     */
    public static final class Stream {

        private final String clientModel;
        private final boolean includeUsage;
        private final long created = Instant.now().getEpochSecond();
        private String id = "";
        private boolean started;
        private boolean finished;
        private int toolCalls;
        private @Nullable JsonNode usage;

        public Stream(String clientModel, boolean includeUsage) {
            this.clientModel = clientModel;
            this.includeUsage = includeUsage;
        }

        /** Whether the finish chunk and {@code [DONE]} have gone out; later events are ignored. */
        public boolean finished() {
            return finished;
        }

        public List<SseEvent> onEvent(SseEvent geminiChunk) {
            if (finished) {
                return List.of();
            }
            JsonNode chunk;
            try {
                chunk = Json.MAPPER.readTree(geminiChunk.data());
            } catch (JacksonException e) {
                return List.of();
            }
            // Errors are the relay's to translate (§10.4); nothing is emitted for them here.
            if (!chunk.isObject() || chunk.has("error")) {
                return List.of();
            }
            if (chunk.path("usageMetadata").isObject()) {
                usage = chunk.path("usageMetadata"); // cumulative: the last one wins (§6.4)
            }
            List<SseEvent> out = new ArrayList<>();
            if (!started) {
                started = true;
                String responseId = str(chunk.path("responseId"));
                id = responseId.isEmpty() ? "chatcmpl-" + randomId() : responseId;
                ObjectNode role = Json.MAPPER.createObjectNode();
                role.put("role", "assistant");
                role.put("content", "");
                out.add(chunk(role, null));
            }
            JsonNode candidate = chunk.path("candidates").path(0);
            if (candidate.isMissingNode()) {
                if (chunk.path("promptFeedback").path("blockReason").isString()) {
                    finish(out, "content_filter");
                }
                return out;
            }
            deltas(candidate.path("content").path("parts"), out);
            String reason = str(candidate.path("finishReason"));
            if (!reason.isEmpty()) {
                finish(out, finishReason(reason, toolCalls > 0));
            }
            return out;
        }

        /** The key of a delta doubles as the kind of a run: content, reasoning_content or tool_calls. */
        private void deltas(JsonNode parts, List<SseEvent> out) {
            @Nullable ObjectNode delta = null;
            String kind = "";
            for (JsonNode part : parts) {
                boolean call = part.has("functionCall");
                boolean thought = part.path("thought").asBoolean(false);
                String piece = call ? "" : thought ? str(part.path("text")) : visibleText(part);
                if (!call && piece.isEmpty()) {
                    continue; // e.g. an empty text part that only carries a signature
                }
                String partKind = call ? "tool_calls" : thought ? "reasoning_content" : "content";
                if (delta == null || !partKind.equals(kind)) {
                    if (delta != null) {
                        out.add(chunk(delta, null));
                    }
                    delta = Json.MAPPER.createObjectNode();
                    kind = partKind;
                }
                if (call) {
                    ArrayNode calls = delta.path("tool_calls") instanceof ArrayNode existing ? existing
                            : delta.putArray("tool_calls");
                    calls.add(toolCall(part, toolCalls++));
                } else {
                    delta.put(kind, str(delta.path(kind)) + piece);
                }
            }
            if (delta != null) {
                out.add(chunk(delta, null));
            }
        }

        private void finish(List<SseEvent> out, String reason) {
            out.add(chunk(Json.MAPPER.createObjectNode(), reason));
            ObjectNode usageChunk = usage == null ? null : ChatRequestToGemini.usage(usage);
            if (includeUsage && usageChunk != null) {
                ObjectNode last = envelope();
                last.putArray("choices");
                last.set("usage", usageChunk);
                out.add(new SseEvent(null, Json.MAPPER.writeValueAsString(last)));
            }
            out.add(new SseEvent(null, "[DONE]"));
            finished = true;
        }

        private SseEvent chunk(ObjectNode delta, @Nullable String finishReason) {
            ObjectNode chunk = envelope();
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.set("delta", delta);
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
            return new SseEvent(null, Json.MAPPER.writeValueAsString(chunk));
        }

        private ObjectNode envelope() {
            ObjectNode chunk = Json.MAPPER.createObjectNode();
            chunk.put("id", id);
            chunk.put("object", "chat.completion.chunk");
            chunk.put("created", created);
            chunk.put("model", clientModel);
            return chunk;
        }
    }
}

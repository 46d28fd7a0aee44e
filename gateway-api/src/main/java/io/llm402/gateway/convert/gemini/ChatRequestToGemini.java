package io.llm402.gateway.convert.gemini;

import static io.llm402.gateway.convert.JsonFields.str;

import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.wire.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Chat request as a Gemini request body for {@code generateContent}/{@code streamGenerateContent} (the model
 * goes in the URL): the way out for an OpenAI Chat client served by a Gemini upstream (api-formats §12). The messages
 * become contents in {@link ChatMessagesToGemini}; the answer comes back through {@link GeminiAnswerToChat}, the
 * stream through {@link GeminiStreamToChat}.
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
    private static final int MAX_STOP_SEQUENCES = 5;
    /** Function names new-api treats as Gemini's built-in tools (§12.1). */
    private static final Set<String> BUILT_IN_TOOLS = Set.of("googleSearch", "codeExecution", "urlContext");

    private ChatRequestToGemini() {
    }

    /** The Gemini request body for an OpenAI Chat request (§12.1, TV-07). */
    public static ObjectNode convert(ObjectNode chat) throws ConversionException {
        ObjectNode gemini = Json.MAPPER.createObjectNode();
        ChatMessagesToGemini.convert(chat.path("messages"), gemini);
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
}

package io.llm402.gateway.convert.responses;

import static io.llm402.gateway.convert.JsonFields.str;

import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.wire.Json;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Responses request as a Chat Completions request: the way out for an OpenAI Responses client served by a
 * Chat Completions upstream (api-formats §3.5); the Responses object comes back through {@link ChatAnswerToResponses},
 * the typed event stream through {@link ChatStreamToResponses}.
 *
 * <p>The gateway keeps no conversation state, so {@code previous_response_id}, {@code conversation},
 * {@code item_reference} and {@code background} are refused rather than silently ignored; {@code store} is ignored
 * (nothing is stored either way).
 */
public final class ResponsesRequestToChat {

    static final String NO_STATE = "not supported for this model: the gateway keeps no conversation state";
    private static final Set<String> ROLES = Set.of("user", "assistant", "system", "developer");

    private ResponsesRequestToChat() {
    }

    /** The Chat Completions request for a Responses request (§3.5). */
    public static ObjectNode convert(ObjectNode responses, String upstreamModel) throws ConversionException {
        for (String field : List.of("previous_response_id", "conversation")) {
            JsonNode value = responses.path(field);
            if (!value.isMissingNode() && !value.isNull()) {
                throw new ConversionException("`" + field + "` is " + NO_STATE);
            }
        }
        if (responses.path("background").asBoolean(false)) {
            throw new ConversionException("`background` is " + NO_STATE);
        }
        ObjectNode chat = Json.MAPPER.createObjectNode();
        chat.put("model", upstreamModel);
        ArrayNode messages = chat.putArray("messages");
        String instructions = str(responses.path("instructions"));
        if (!instructions.isEmpty()) {
            messages.addObject().put("role", "system").put("content", instructions);
        }
        JsonNode input = responses.path("input");
        if (input.isString()) {
            messages.addObject().put("role", "user").put("content", input.asString());
        }
        for (JsonNode item : input) {
            addItem(messages, item);
        }
        tools(responses.path("tools"), chat);
        JsonNode choice = responses.path("tool_choice");
        if (choice.isString()) {
            chat.put("tool_choice", choice.asString());
        } else if (choice.isObject()) {
            chat.set("tool_choice", toolChoice(choice));
        }
        copy(responses, "max_output_tokens", chat, "max_completion_tokens");
        String effort = str(responses.path("reasoning").path("effort"));
        if (!effort.isEmpty()) {
            chat.put("reasoning_effort", effort);
        }
        textFormat(responses.path("text"), chat);
        for (String field : List.of("temperature", "top_p", "parallel_tool_calls", "metadata", "user")) {
            copy(responses, field, chat, field);
        }
        if (responses.path("stream").asBoolean(false)) {
            chat.put("stream", true);
            // Usage comes only in the final chunk and only on request; response.completed needs it.
            chat.putObject("stream_options").put("include_usage", true);
        }
        return chat;
    }

    private static void addItem(ArrayNode messages, JsonNode item) throws ConversionException {
        // The SDKs send "easy" messages ({role, content}) without a type.
        String type = str(item.path("type"), item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> messages.add(message(item));
            case "function_call" -> functionCall(messages, item);
            case "function_call_output" -> {
                ObjectNode tool = messages.addObject();
                tool.put("role", "tool");
                tool.put("tool_call_id", str(item.path("call_id")));
                JsonNode output = item.path("output");
                tool.put("content", output.isString() ? output.asString()
                        : output.isArray() ? text(output) : output.isMissingNode() || output.isNull() ? ""
                        : Json.MAPPER.writeValueAsString(output));
            }
            case "reasoning" -> {
                // Dropped: Chat has no reasoning input every upstream accepts (§3.5).
            }
            case "item_reference" -> throw new ConversionException("`item_reference` input items are " + NO_STATE);
            default -> throw new ConversionException("input item type '" + type + "' is not supported for this model");
        }
    }

    private static ObjectNode message(JsonNode item) throws ConversionException {
        String role = str(item.path("role"), "user");
        if (!ROLES.contains(role)) {
            throw new ConversionException("message role '" + role + "' is not supported");
        }
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("role", role);
        JsonNode content = item.path("content");
        if (!content.isArray()) {
            message.put("content", str(content));
        } else if (role.equals("user")) {
            ArrayNode parts = message.putArray("content");
            for (JsonNode part : content) {
                parts.add(userPart(part));
            }
        } else {
            // Plain strings for the other roles: compatible servers accept them everywhere.
            message.put("content", text(content));
        }
        return message;
    }

    private static ObjectNode userPart(JsonNode part) throws ConversionException {
        String type = str(part.path("type"));
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (type) {
            case "input_text", "output_text", "text" -> out.put("type", "text").put("text", str(part.path("text")));
            case "input_image" -> {
                String url = str(part.path("image_url"));
                if (url.isEmpty()) {
                    throw new ConversionException("input_image needs image_url for this model; file_id is not supported");
                }
                ObjectNode image = out.put("type", "image_url").putObject("image_url");
                image.put("url", url);
                String detail = str(part.path("detail"));
                if (!detail.isEmpty()) {
                    image.put("detail", detail);
                }
            }
            case "input_file" -> {
                ObjectNode file = out.put("type", "file").putObject("file");
                for (String field : List.of("file_data", "file_id", "filename")) {
                    copy(part, field, file, field);
                }
                if (file.isEmpty() || !file.has("file_data") && !file.has("file_id")) {
                    throw new ConversionException("input_file needs file_data or file_id for this model");
                }
            }
            default -> throw new ConversionException("content part type '" + type + "' is not supported for this model");
        }
        return out;
    }

    /** Text of text parts; anything else has no place in a text-only field. */
    private static String text(JsonNode parts) throws ConversionException {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            String type = str(part.path("type"));
            switch (type) {
                case "input_text", "output_text", "text" -> text.append(str(part.path("text")));
                case "refusal" -> text.append(str(part.path("refusal")));
                default -> throw new ConversionException("content part type '" + type
                        + "' is only supported in user messages for this model");
            }
        }
        return text.toString();
    }

    /**
     * A call joins the assistant message right before it, so a turn's text and its parallel calls (reasoning items
     * between them are dropped) become one assistant message, as Chat upstreams expect before the tool messages.
     */
    private static void functionCall(ArrayNode messages, JsonNode item) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        ObjectNode assistant;
        if (last instanceof ObjectNode previous && "assistant".equals(str(previous.path("role")))) {
            assistant = previous;
        } else {
            assistant = messages.addObject();
            assistant.put("role", "assistant");
            assistant.putNull("content");
        }
        ArrayNode calls = assistant.path("tool_calls") instanceof ArrayNode existing ? existing
                : assistant.putArray("tool_calls");
        ObjectNode call = calls.addObject();
        call.put("id", str(item.path("call_id")));
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", str(item.path("name")));
        String arguments = str(item.path("arguments"));
        function.put("arguments", arguments.isEmpty() ? "{}" : arguments);
    }

    /** Responses function tools are flat; Chat nests them under {@code function}. Hosted tools have no Chat form. */
    private static void tools(JsonNode tools, ObjectNode chat) throws ConversionException {
        if (tools.isEmpty()) {
            return;
        }
        ArrayNode out = chat.putArray("tools");
        for (JsonNode tool : tools) {
            String type = str(tool.path("type"));
            if (!type.equals("function")) {
                throw new ConversionException("tool type '" + type + "' is not supported for this model");
            }
            ObjectNode function = out.addObject().put("type", "function").putObject("function");
            function.put("name", str(tool.path("name")));
            for (String field : List.of("description", "parameters", "strict")) {
                copy(tool, field, function, field);
            }
        }
    }

    private static ObjectNode toolChoice(JsonNode choice) throws ConversionException {
        String type = str(choice.path("type"));
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (type) {
            case "function" -> out.put("type", "function").putObject("function").put("name", str(choice.path("name")));
            case "allowed_tools" -> {
                ObjectNode allowed = out.put("type", "allowed_tools").putObject("allowed_tools");
                allowed.put("mode", str(choice.path("mode"), "auto"));
                ArrayNode tools = allowed.putArray("tools");
                for (JsonNode tool : choice.path("tools")) {
                    if (!"function".equals(str(tool.path("type")))) {
                        throw new ConversionException("allowed tool type '" + str(tool.path("type"))
                                + "' is not supported for this model");
                    }
                    tools.addObject().put("type", "function").putObject("function").put("name", str(tool.path("name")));
                }
            }
            default -> throw new ConversionException("tool_choice type '" + type + "' is not supported for this model");
        }
        return out;
    }

    private static void textFormat(JsonNode text, ObjectNode chat) {
        JsonNode format = text.path("format");
        switch (str(format.path("type"))) {
            case "json_schema" -> {
                ObjectNode schema = chat.putObject("response_format").put("type", "json_schema")
                        .putObject("json_schema");
                for (String field : List.of("name", "description", "schema", "strict")) {
                    copy(format, field, schema, field);
                }
            }
            case "json_object" -> chat.putObject("response_format").put("type", "json_object");
            default -> {
                // "text" or absent: the default
            }
        }
        copy(text, "verbosity", chat, "verbosity");
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String target) {
        JsonNode value = from.path(field);
        if (!value.isMissingNode() && !value.isNull()) {
            to.set(target, value.deepCopy());
        }
    }
}

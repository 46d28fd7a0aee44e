package io.llm402.gateway.convert.responses;

import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Responses client served by a Chat Completions upstream (api-formats §3.5): the chat request, the Responses
 * object built from a chat completion, and the typed Responses event stream synthesized from chat chunks (§3.4,
 * TV-15).
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

    // ---------------------------------------------------------------------------------------------------- request

    /** The Chat Completions request for a Responses request (§3.5). */
    public static ObjectNode request(ObjectNode responses, String upstreamModel) throws ConversionException {
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

    // --------------------------------------------------------------------------------------------------- response

    /** The Responses object for a whole chat completion (§3.3); the first choice only, as Responses has no {@code n}. */
    public static ObjectNode response(JsonNode chatCompletion, ObjectNode responsesRequest) {
        JsonNode choice = chatCompletion.path("choices").path(0);
        JsonNode message = choice.path("message");
        String incomplete = incompleteReason(str(choice.path("finish_reason")));
        ArrayNode output = Json.MAPPER.createArrayNode();
        String reasoning = reasoning(message);
        if (!reasoning.isEmpty()) {
            output.add(reasoningItem(newId("rs_"), reasoning));
        }
        JsonNode calls = message.path("tool_calls");
        String content = content(message.path("content"));
        String refusal = str(message.path("refusal"));
        if (!content.isEmpty() || !refusal.isEmpty()) {
            // Cut short only if nothing follows it, as in the stream, where a message closes when a call starts.
            boolean cut = incomplete != null && calls.isEmpty();
            ObjectNode item = messageItem(newId("msg_"), cut ? "incomplete" : "completed", content);
            if (!refusal.isEmpty()) {
                ArrayNode parts = (ArrayNode) item.path("content");
                if (content.isEmpty()) {
                    parts.removeAll();
                }
                parts.addObject().put("type", "refusal").put("refusal", refusal);
            }
            output.add(item);
        }
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            output.add(functionCallItem(newId("fc_"), callId(call), str(function.path("name")),
                    str(function.path("arguments")), "completed"));
        }
        JsonNode created = chatCompletion.path("created");
        return envelope(responsesRequest, newId("resp_"),
                created.isNumber() ? created.asLong() : Instant.now().getEpochSecond(),
                incomplete == null ? "completed" : "incomplete", incomplete, output, usage(chatCompletion.path("usage")));
    }

    /** §3.5 and TV-09: the same counts under Responses names; the cache stays inside the input, as in Chat. */
    static @Nullable ObjectNode usage(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        JsonNode promptDetails = usage.path("prompt_tokens_details");
        long input = count(usage.path("prompt_tokens"));
        long cached = count(promptDetails.path("cached_tokens"));
        if (cached == 0) {
            cached = count(usage.path("prompt_cache_hit_tokens")); // DeepSeek
        }
        long output = count(usage.path("completion_tokens"));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("input_tokens", input);
        ObjectNode inputDetails = out.putObject("input_tokens_details");
        inputDetails.put("cached_tokens", cached);
        if (promptDetails.path("cache_write_tokens").isNumber()) {
            inputDetails.put("cache_write_tokens", count(promptDetails.path("cache_write_tokens")));
        }
        out.put("output_tokens", output);
        out.putObject("output_tokens_details")
                .put("reasoning_tokens", count(usage.path("completion_tokens_details").path("reasoning_tokens")));
        out.put("total_tokens", usage.path("total_tokens").isNumber() ? count(usage.path("total_tokens")) : input + output);
        return out;
    }

    private static @Nullable String incompleteReason(String finishReason) {
        return switch (finishReason) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
    }

    /** {@code reasoning_content} (DeepSeek, vLLM, new-api) or {@code reasoning} (OpenRouter, newer vLLM). */
    private static String reasoning(JsonNode holder) {
        return str(holder.path("reasoning_content"), str(holder.path("reasoning")));
    }

    private static String content(JsonNode content) {
        if (!content.isArray()) {
            return str(content);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(str(part.path("text")));
        }
        return text.toString();
    }

    private static String callId(JsonNode call) {
        String id = str(call.path("id"));
        return id.isEmpty() ? "call_" + randomId() : id;
    }

    /**
     * The response object around an output. What the request set is echoed (the SDK types expect these keys); the
     * rest takes the API's defaults.
     */
    private static ObjectNode envelope(ObjectNode request, String id, long createdAt, String status,
                                       @Nullable String incompleteReason, ArrayNode output,
                                       @Nullable ObjectNode usage) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("id", id);
        response.put("object", "response");
        response.put("created_at", createdAt);
        response.put("status", status);
        response.putNull("error");
        if (incompleteReason == null) {
            response.putNull("incomplete_details");
        } else {
            response.putObject("incomplete_details").put("reason", incompleteReason);
        }
        echo(request, "instructions", response, null);
        echo(request, "max_output_tokens", response, null);
        response.put("model", str(request.path("model")));
        response.set("output", output);
        echo(request, "parallel_tool_calls", response, Json.MAPPER.getNodeFactory().booleanNode(true));
        echo(request, "reasoning", response, null);
        echo(request, "temperature", response, null);
        echo(request, "text", response, null);
        echo(request, "tool_choice", response, Json.MAPPER.getNodeFactory().stringNode("auto"));
        echo(request, "tools", response, Json.MAPPER.createArrayNode());
        echo(request, "top_p", response, null);
        echo(request, "metadata", response, Json.MAPPER.createObjectNode());
        response.put("store", false);
        if (usage == null) {
            response.putNull("usage");
        } else {
            response.set("usage", usage);
        }
        return response;
    }

    private static void echo(JsonNode request, String field, ObjectNode response, @Nullable JsonNode fallback) {
        JsonNode value = request.path(field);
        if (!value.isMissingNode() && !value.isNull()) {
            response.set(field, value.deepCopy());
        } else if (fallback != null) {
            response.set(field, fallback);
        } else {
            response.putNull(field);
        }
    }

    private static ObjectNode reasoningItem(String id, @Nullable String text) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("id", id);
        item.put("type", "reasoning");
        ArrayNode summary = item.putArray("summary");
        if (text != null) {
            summary.add(summaryPart(text));
        }
        return item;
    }

    private static ObjectNode summaryPart(String text) {
        return Json.MAPPER.createObjectNode().put("type", "summary_text").put("text", text);
    }

    private static ObjectNode messageItem(String id, String status, @Nullable String text) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("id", id);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(textPart(text));
        }
        return item;
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = Json.MAPPER.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static ObjectNode functionCallItem(String id, String callId, String name, String arguments,
                                               String status) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("id", id);
        item.put("type", "function_call");
        item.put("status", status);
        item.put("call_id", callId);
        item.put("name", name);
        item.put("arguments", arguments);
        return item;
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String target) {
        JsonNode value = from.path(field);
        if (!value.isMissingNode() && !value.isNull()) {
            to.set(target, value.deepCopy());
        }
    }

    private static String str(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }

    private static String str(JsonNode node, String fallback) {
        return node.isString() ? node.asString() : fallback;
    }

    private static long count(JsonNode node) {
        return node.isNumber() ? Math.max(0, node.asLong()) : 0;
    }

    private static String newId(String prefix) {
        return prefix + randomId();
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    // ----------------------------------------------------------------------------------------------------- stream

    /**
     * Chat chunks in, typed Responses events out (§3.4, TV-15), each with its {@code event:} name and a
     * {@code sequence_number} counting from 0. Reasoning, text and each tool call become output items in the order
     * they start; a reasoning or text item closes when anything else starts. Tool calls stay open until something
     * other than a tool call starts or the stream ends, so upstreams that interleave parallel calls by {@code index}
     * still assemble correctly; open items always close in {@code output_index} order. The terminal event goes out at
     * {@code [DONE]}, after the usage chunk.
     */
    public static final class Stream {

        private enum Kind { REASONING, MESSAGE, FUNCTION_CALL }

        /** One output item while it streams. */
        private static final class Item {
            final Kind kind;
            final int outputIndex;
            final String id;
            final StringBuilder text = new StringBuilder();
            String callId = "";
            String name = "";
            @Nullable ObjectNode done;

            Item(Kind kind, int outputIndex, String id) {
                this.kind = kind;
                this.outputIndex = outputIndex;
                this.id = id;
            }
        }

        private final ObjectNode request;
        private final String responseId = newId("resp_");
        private final long createdAt = Instant.now().getEpochSecond();
        private final List<Item> items = new ArrayList<>();
        /** Open function calls by their chat {@code index}. */
        private final Map<Integer, Item> openCalls = new LinkedHashMap<>();
        private final List<ObjectNode> pending = new ArrayList<>();
        private @Nullable Item openText;
        private @Nullable JsonNode usage;
        private String finishReason = "";
        private int sequence;
        private boolean started;
        private boolean finished;

        public Stream(ObjectNode responsesRequest) {
            this.request = responsesRequest;
        }

        /** Whether the terminal event has gone out; later events are ignored. */
        public boolean finished() {
            return finished;
        }

        public List<SseEvent> onEvent(SseEvent chatChunk) {
            if (finished) {
                return List.of();
            }
            String data = chatChunk.data().strip();
            if (data.equals("[DONE]")) {
                begin();
                complete();
                return drain();
            }
            JsonNode chunk;
            try {
                chunk = Json.MAPPER.readTree(data);
            } catch (JacksonException e) {
                return List.of();
            }
            // Errors are the relay's to translate (§10.4); nothing is emitted for them here.
            if (!chunk.isObject() || chunk.has("error")) {
                return List.of();
            }
            begin();
            if (chunk.path("usage").isObject()) {
                usage = chunk.path("usage");
            }
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode delta = choice.path("delta");
            String reasoning = reasoning(delta);
            if (!reasoning.isEmpty()) {
                appendText(Kind.REASONING, reasoning);
            }
            String content = str(delta.path("content"));
            if (!content.isEmpty()) {
                appendText(Kind.MESSAGE, content);
            }
            for (JsonNode call : delta.path("tool_calls")) {
                toolCall(call);
            }
            String finish = str(choice.path("finish_reason"));
            if (!finish.isEmpty()) {
                finishReason = finish;
            }
            return drain();
        }

        private void begin() {
            if (started) {
                return;
            }
            started = true;
            for (String type : List.of("response.created", "response.in_progress")) {
                event(type).set("response", envelope(request, responseId, createdAt, "in_progress", null,
                        Json.MAPPER.createArrayNode(), null));
            }
        }

        private void appendText(Kind kind, String text) {
            Item item = openText;
            if (item == null || item.kind != kind) {
                closeAll(false);
                item = new Item(kind, items.size(), newId(kind == Kind.REASONING ? "rs_" : "msg_"));
                items.add(item);
                openText = item;
                ObjectNode added = event("response.output_item.added");
                added.put("output_index", item.outputIndex);
                added.set("item", kind == Kind.REASONING ? reasoningItem(item.id, null)
                        : messageItem(item.id, "in_progress", null));
                if (kind == Kind.REASONING) {
                    ObjectNode part = event("response.reasoning_summary_part.added");
                    locate(part, item).put("summary_index", 0);
                    part.set("part", summaryPart(""));
                } else {
                    ObjectNode part = event("response.content_part.added");
                    locate(part, item).put("content_index", 0);
                    part.set("part", textPart(""));
                }
            }
            item.text.append(text);
            if (kind == Kind.REASONING) {
                ObjectNode delta = event("response.reasoning_summary_text.delta");
                locate(delta, item).put("summary_index", 0);
                delta.put("delta", text);
            } else {
                ObjectNode delta = event("response.output_text.delta");
                locate(delta, item).put("content_index", 0);
                delta.put("delta", text);
                delta.putArray("logprobs");
            }
        }

        private void toolCall(JsonNode call) {
            int index = call.path("index").isNumber() ? call.path("index").asInt() : 0;
            JsonNode function = call.path("function");
            String id = str(call.path("id"));
            Item item = openCalls.get(index);
            // A new id under a used index is a new call (some upstreams restart the index, §14.5).
            if (item == null || !id.isEmpty() && !id.equals(item.callId)) {
                if (openText != null) {
                    close(openText, false);
                    openText = null;
                }
                item = new Item(Kind.FUNCTION_CALL, items.size(), newId("fc_"));
                item.callId = id.isEmpty() ? "call_" + randomId() : id;
                item.name = str(function.path("name"));
                items.add(item);
                openCalls.put(index, item);
                ObjectNode added = event("response.output_item.added");
                added.put("output_index", item.outputIndex);
                added.set("item", functionCallItem(item.id, item.callId, item.name, "", "in_progress"));
            } else if (item.name.isEmpty()) {
                item.name = str(function.path("name"));
            }
            String arguments = str(function.path("arguments"));
            if (!arguments.isEmpty()) {
                item.text.append(arguments);
                ObjectNode delta = event("response.function_call_arguments.delta");
                locate(delta, item).put("delta", arguments);
            }
        }

        private void closeAll(boolean last) {
            if (openText != null) {
                close(openText, last);
                openText = null;
            }
            for (Item call : openCalls.values()) {
                close(call, last);
            }
            openCalls.clear();
        }

        /** {@code last}: closed at the end of the stream, where a cut-short answer leaves its message incomplete. */
        private void close(Item item, boolean last) {
            String text = item.text.toString();
            ObjectNode done = switch (item.kind) {
                case REASONING -> {
                    ObjectNode textDone = event("response.reasoning_summary_text.done");
                    locate(textDone, item).put("summary_index", 0);
                    textDone.put("text", text);
                    ObjectNode partDone = event("response.reasoning_summary_part.done");
                    locate(partDone, item).put("summary_index", 0);
                    partDone.set("part", summaryPart(text));
                    yield reasoningItem(item.id, text);
                }
                case MESSAGE -> {
                    ObjectNode textDone = event("response.output_text.done");
                    locate(textDone, item).put("content_index", 0);
                    textDone.put("text", text);
                    textDone.putArray("logprobs");
                    ObjectNode partDone = event("response.content_part.done");
                    locate(partDone, item).put("content_index", 0);
                    partDone.set("part", textPart(text));
                    boolean cut = last && incompleteReason(finishReason) != null;
                    yield messageItem(item.id, cut ? "incomplete" : "completed", text);
                }
                case FUNCTION_CALL -> {
                    ObjectNode argumentsDone = event("response.function_call_arguments.done");
                    locate(argumentsDone, item).put("name", item.name);
                    argumentsDone.put("arguments", text);
                    yield functionCallItem(item.id, item.callId, item.name, text, "completed");
                }
            };
            item.done = done;
            ObjectNode itemDone = event("response.output_item.done");
            itemDone.put("output_index", item.outputIndex);
            itemDone.set("item", done.deepCopy());
        }

        private void complete() {
            closeAll(true);
            String incomplete = incompleteReason(finishReason);
            ArrayNode output = Json.MAPPER.createArrayNode();
            for (Item item : items) {
                if (item.done != null) {
                    output.add(item.done.deepCopy());
                }
            }
            ObjectNode usageObject = usage == null ? null : ResponsesRequestToChat.usage(usage);
            event(incomplete == null ? "response.completed" : "response.incomplete").set("response",
                    envelope(request, responseId, createdAt, incomplete == null ? "completed" : "incomplete",
                            incomplete, output, usageObject));
            finished = true;
        }

        private static ObjectNode locate(ObjectNode event, Item item) {
            return event.put("item_id", item.id).put("output_index", item.outputIndex);
        }

        /** A new event with its type and the next sequence number; serialized in {@link #drain()}. */
        private ObjectNode event(String type) {
            ObjectNode event = Json.MAPPER.createObjectNode();
            event.put("type", type);
            event.put("sequence_number", sequence++);
            pending.add(event);
            return event;
        }

        private List<SseEvent> drain() {
            List<SseEvent> out = new ArrayList<>(pending.size());
            for (ObjectNode event : pending) {
                out.add(new SseEvent(str(event.path("type")), Json.MAPPER.writeValueAsString(event)));
            }
            pending.clear();
            return out;
        }
    }
}

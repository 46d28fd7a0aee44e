package io.llm402.gateway.convert.claude;

import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Claude Messages client (Claude Code) served by an OpenAI Chat upstream (api-formats §11.4–§11.7). Claude's
 * {@code thinking} setting is not mapped here (the reasoning layer turns it into an effort), nor is
 * {@code max_tokens} clamped to the upstream model's limit.
 */
public final class ClaudeRequestToChat {
    /** OpenAI accepts at most four stop sequences. */
    private static final int MAX_STOP_SEQUENCES = 4;

    private ClaudeRequestToChat() {
    }

    /** A Claude Messages request as a Chat Completions request for {@code upstreamModel}. */
    public static ObjectNode request(ObjectNode claude, String upstreamModel) throws ConversionException {
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

    /**
     * A whole chat completion as a Claude message answering as {@code clientModel}. Without upstream usage the
     * output is counted with {@code countTokens} and the input reported as 0.
     */
    public static ObjectNode response(JsonNode chatCompletion, String clientModel, ToLongFunction<String> countTokens) {
        JsonNode choice = chatCompletion.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode claude = Json.MAPPER.createObjectNode();
        claude.put("id", messageId(chatCompletion.path("id").asString("")));
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
        String text = string(message.path("content"));
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
            produced.append(text);
        }
        for (JsonNode call : elements(message.path("tool_calls"))) {
            JsonNode function = call.path("function");
            String arguments = string(function.path("arguments"));
            ObjectNode use = toolUseBlock(string(call.path("id")), string(function.path("name")));
            use.set("input", input(arguments));
            content.add(use);
            produced.append(arguments);
        }
        if (content.isEmpty()) {
            content.addObject().put("type", "text").put("text", ""); // Claude clients expect at least one block
        }
        claude.put("stop_reason", stopReason(string(choice.path("finish_reason"))));
        claude.putNull("stop_sequence");
        JsonNode usage = chatCompletion.path("usage");
        claude.set("usage", usage.isObject() ? claudeUsage(usage)
                : usage(0, 0, 0, countTokens.applyAsLong(produced.toString())));
        return claude;
    }

    private static String messageId(String upstreamId) {
        return "msg_" + (upstreamId.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : upstreamId);
    }

    /** Reasoning text: {@code reasoning_content} (DeepSeek, vLLM), or {@code reasoning} (OpenRouter, newer vLLM). */
    private static String reasoning(JsonNode holder) {
        JsonNode reasoning = holder.path("reasoning_content");
        return string(reasoning.isString() ? reasoning : holder.path("reasoning"));
    }

    /** A string node's text; "" for anything else. */
    private static String string(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }

    /** The signature stays empty: no Claude signature exists for another model's reasoning (§11.5). */
    private static ObjectNode thinkingBlock(String thinking) {
        return Json.MAPPER.createObjectNode().put("type", "thinking").put("thinking", thinking).put("signature", "");
    }

    /** A tool_use block with an empty input; the id is generated when the upstream sent none (edge case 6). */
    private static ObjectNode toolUseBlock(String id, String name) {
        ObjectNode block = Json.MAPPER.createObjectNode().put("type", "tool_use")
                .put("id", id.isEmpty() ? "toolu_" + UUID.randomUUID().toString().replace("-", "") : id)
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
    private static ObjectNode claudeUsage(JsonNode usage) {
        JsonNode details = usage.path("prompt_tokens_details");
        long cacheRead = count(details.path("cached_tokens"));
        if (cacheRead == 0) {
            cacheRead = count(usage.path("prompt_cache_hit_tokens"));
        }
        long cacheWrite = count(details.path("cache_write_tokens"));
        long input = Math.max(0, count(usage.path("prompt_tokens")) - cacheRead - cacheWrite);
        return usage(input, cacheRead, cacheWrite, count(usage.path("completion_tokens")));
    }

    private static long count(JsonNode count) {
        return count.isNumber() ? Math.max(0, count.asLong()) : 0;
    }

    private static ObjectNode usage(long input, long cacheRead, long cacheWrite, long output) {
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("input_tokens", input);
        usage.put("cache_read_input_tokens", cacheRead);
        usage.put("cache_creation_input_tokens", cacheWrite);
        usage.put("output_tokens", output);
        return usage;
    }

    /**
     * OpenAI chunks as a Claude event stream (§11.5), for the first choice. Claude blocks are strictly sequential
     * with increasing indices; each OpenAI tool-call index gets its own tool_use block. A tool call that appears while
     * another one's arguments are still incomplete JSON (servers that interleave parallel calls) waits, buffered,
     * until that one is complete, or until the end, and is then emitted in index order.
     */
    public static final class Stream {

        private enum Block { NONE, THINKING, TEXT, TOOL }

        /** One OpenAI tool call: what has arrived so far, and how much of its arguments went out in its block. */
        private static final class ToolCall {
            private String id = "";
            private String name = "";
            private final StringBuilder arguments = new StringBuilder();
            private int sent;
            private boolean opened;
        }

        private final String clientModel;
        private final ToLongFunction<String> countTokens;
        private final long promptEstimate;
        private final Map<Integer, ToolCall> calls = new TreeMap<>();
        private final StringBuilder produced = new StringBuilder();
        private boolean started;
        private boolean finished;
        private int blockIndex = -1;
        private Block open = Block.NONE;
        private @Nullable ToolCall openCall;
        private String finishReason = "";
        private @Nullable JsonNode usage;

        /**
         * {@code countTokens} and {@code promptEstimate} stand in for usage the upstream does not report (edge
         * case 2: the stream still ends with a message_delta).
         */
        public Stream(String clientModel, ToLongFunction<String> countTokens, long promptEstimate) {
            this.clientModel = clientModel;
            this.countTokens = countTokens;
            this.promptEstimate = promptEstimate;
        }

        /** Whether {@code [DONE]} has been converted (the client has its {@code message_stop}). */
        public boolean finished() {
            return finished;
        }

        public List<SseEvent> onEvent(SseEvent chatChunk) {
            if (finished) {
                return List.of();
            }
            List<SseEvent> out = new ArrayList<>(4);
            if (chatChunk.data().strip().equals("[DONE]")) {
                finish(out);
                return out;
            }
            JsonNode chunk;
            try {
                chunk = Json.MAPPER.readTree(chatChunk.data());
            } catch (JacksonException e) {
                return List.of();
            }
            JsonNode error = chunk.path("error");
            if (!chunk.isObject() || (!error.isMissingNode() && !error.isNull())) {
                return List.of(); // the caller reports upstream errors
            }
            start(string(chunk.path("id")), out);
            if (chunk.path("usage").isObject()) {
                usage = chunk.path("usage");
            }
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode delta = choice.path("delta");
            String reasoning = reasoning(delta);
            if (!reasoning.isEmpty()) {
                openBlock(Block.THINKING, out);
                out.add(blockDelta(Json.MAPPER.createObjectNode().put("type", "thinking_delta").put("thinking", reasoning)));
                produced.append(reasoning);
            }
            String text = string(delta.path("content"));
            if (!text.isEmpty()) {
                openBlock(Block.TEXT, out);
                out.add(blockDelta(Json.MAPPER.createObjectNode().put("type", "text_delta").put("text", text)));
                produced.append(text);
            }
            for (JsonNode call : elements(delta.path("tool_calls"))) {
                toolCall(call, out);
            }
            // Remembered only: usage may still follow in its own chunk.
            if (choice.path("finish_reason").isString()) {
                finishReason = choice.path("finish_reason").asString();
            }
            return out;
        }

        private void start(String upstreamId, List<SseEvent> out) {
            if (started) {
                return;
            }
            started = true;
            ObjectNode event = Json.MAPPER.createObjectNode().put("type", "message_start");
            ObjectNode message = event.putObject("message").put("id", messageId(upstreamId)).put("type", "message")
                    .put("role", "assistant").put("model", clientModel);
            message.putArray("content");
            message.putNull("stop_reason");
            message.putNull("stop_sequence");
            // Real counts arrive only at the end; message_delta reports them.
            message.putObject("usage").put("input_tokens", promptEstimate).put("output_tokens", 1);
            out.add(event(event));
        }

        private void toolCall(JsonNode fragment, List<SseEvent> out) {
            ToolCall call = calls.computeIfAbsent(fragment.path("index").asInt(0), index -> new ToolCall());
            // id and name come with a call's first fragment only (edge case 6).
            if (call.id.isEmpty()) {
                call.id = string(fragment.path("id"));
            }
            if (call.name.isEmpty()) {
                call.name = string(fragment.path("function").path("name"));
            }
            if (call.opened && call != openCall) {
                return; // its block is closed and cannot take more; a conforming server never sends this
            }
            String arguments = string(fragment.path("function").path("arguments"));
            call.arguments.append(arguments);
            produced.append(arguments);
            if (call == openCall) {
                flush(call, out);
            } else {
                openWaitingCalls(false, out);
            }
        }

        /**
         * Opens the calls without a block yet, in index order, each after the open block closes. A tool block whose
         * arguments are not complete JSON stays open (its fragments may still come) unless {@code all} is set.
         */
        private void openWaitingCalls(boolean all, List<SseEvent> out) {
            for (ToolCall call : calls.values()) {
                if (call.opened) {
                    continue;
                }
                if (!all && openCall != null && !completeJson(openCall.arguments)) {
                    return;
                }
                closeOpen(out);
                blockIndex++;
                call.opened = true;
                open = Block.TOOL;
                openCall = call;
                out.add(blockStart(toolUseBlock(call.id, call.name)));
                flush(call, out);
            }
        }

        /** Sends what has arrived of an open call's arguments and was not sent yet. */
        private void flush(ToolCall call, List<SseEvent> out) {
            if (call.arguments.length() > call.sent) {
                String fragment = call.arguments.substring(call.sent);
                call.sent = call.arguments.length();
                out.add(blockDelta(Json.MAPPER.createObjectNode().put("type", "input_json_delta")
                        .put("partial_json", fragment)));
            }
        }

        private static boolean completeJson(CharSequence arguments) {
            try {
                JsonNode parsed = Json.MAPPER.readTree(arguments.toString());
                return parsed != null && !parsed.isMissingNode();
            } catch (JacksonException e) {
                return false;
            }
        }

        private void openBlock(Block kind, List<SseEvent> out) {
            if (open == kind) {
                return;
            }
            closeOpen(out);
            blockIndex++;
            open = kind;
            out.add(blockStart(kind == Block.THINKING ? thinkingBlock("")
                    : Json.MAPPER.createObjectNode().put("type", "text").put("text", "")));
        }

        /** No signature_delta before a thinking block's stop: there is no signature to give (§11.5). */
        private void closeOpen(List<SseEvent> out) {
            if (open != Block.NONE) {
                out.add(event(Json.MAPPER.createObjectNode().put("type", "content_block_stop").put("index", blockIndex)));
                open = Block.NONE;
                openCall = null;
            }
        }

        private void finish(List<SseEvent> out) {
            start("", out);
            openWaitingCalls(true, out);
            closeOpen(out);
            if (blockIndex < 0) {
                // A message with no block at all is malformed to Claude clients; an empty text block is not.
                openBlock(Block.TEXT, out);
                closeOpen(out);
            }
            ObjectNode delta = Json.MAPPER.createObjectNode().put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", stopReason(finishReason)).putNull("stop_sequence");
            JsonNode reported = usage;
            delta.set("usage", reported != null ? claudeUsage(reported)
                    : usage(promptEstimate, 0, 0, countTokens.applyAsLong(produced.toString())));
            out.add(event(delta));
            out.add(event(Json.MAPPER.createObjectNode().put("type", "message_stop")));
            finished = true;
        }

        private SseEvent blockStart(ObjectNode block) {
            ObjectNode event = Json.MAPPER.createObjectNode().put("type", "content_block_start").put("index", blockIndex);
            event.set("content_block", block);
            return event(event);
        }

        private SseEvent blockDelta(ObjectNode delta) {
            ObjectNode event = Json.MAPPER.createObjectNode().put("type", "content_block_delta").put("index", blockIndex);
            event.set("delta", delta);
            return event(event);
        }

        /** Named after its type: the Anthropic SDK dispatches on the event name (edge case 1). */
        private static SseEvent event(ObjectNode json) {
            return new SseEvent(json.path("type").asString(), Json.MAPPER.writeValueAsString(json));
        }
    }

    /** The elements of an array; nothing for a missing, null or non-array node (iterating an object gives values). */
    private static Iterable<JsonNode> elements(JsonNode node) {
        return node.isArray() ? node : List.of();
    }
}

package io.llm402.gateway.convert.claude;

import static io.llm402.gateway.convert.JsonFields.elements;
import static io.llm402.gateway.convert.JsonFields.reasoning;
import static io.llm402.gateway.convert.JsonFields.str;

import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.convert.StreamConversion;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI chunks as a Claude event stream (api-formats §11.5), for the first choice, for a Claude Messages client
 * served by an OpenAI Chat upstream. Claude blocks are strictly sequential with increasing indices; each OpenAI
 * tool-call index gets its own tool_use block. A tool call that appears while another one's arguments are still
 * incomplete JSON (servers that interleave parallel calls) waits, buffered, until that one is complete, or until the
 * end, and is then emitted in index order.
 */
public final class ChatStreamToClaude extends StreamConversion {

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
    private final Ids ids;
    private final Map<Integer, ToolCall> calls = new TreeMap<>();
    private final StringBuilder produced = new StringBuilder();
    private boolean started;
    private int blockIndex = -1;
    private Block open = Block.NONE;
    private @Nullable ToolCall openCall;
    private String finishReason = "";
    private @Nullable JsonNode usage;

    /**
     * {@code countTokens} and {@code promptEstimate} stand in for usage the upstream does not report (edge
     * case 2: the stream still ends with a message_delta). Ids the upstream did not send come from {@code ids}.
     */
    public ChatStreamToClaude(String clientModel, ToLongFunction<String> countTokens, long promptEstimate, Ids ids) {
        this.clientModel = clientModel;
        this.countTokens = countTokens;
        this.promptEstimate = promptEstimate;
        this.ids = ids;
    }

    /** {@code [DONE]} ends the conversion: the client gets its {@code message_stop}. */
    @Override
    protected List<SseEvent> onDone() {
        List<SseEvent> out = new ArrayList<>(4);
        finish(out);
        return out;
    }

    @Override
    protected List<SseEvent> onJson(@Nullable String name, JsonNode chunk) {
        JsonNode error = chunk.path("error");
        if (!chunk.isObject() || (!error.isMissingNode() && !error.isNull())) {
            return List.of(); // the caller reports upstream errors
        }
        List<SseEvent> out = new ArrayList<>(4);
        start(str(chunk.path("id")), out);
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
        String text = str(delta.path("content"));
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
        ObjectNode message = event.putObject("message").put("id", ChatAnswerToClaude.messageId(upstreamId, ids))
                .put("type", "message")
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
            call.id = str(fragment.path("id"));
        }
        if (call.name.isEmpty()) {
            call.name = str(fragment.path("function").path("name"));
        }
        if (call.opened && call != openCall) {
            return; // its block is closed and cannot take more; a conforming server never sends this
        }
        String arguments = str(fragment.path("function").path("arguments"));
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
            out.add(blockStart(ChatAnswerToClaude.toolUseBlock(call.id, call.name, ids)));
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
        out.add(blockStart(kind == Block.THINKING ? ChatAnswerToClaude.thinkingBlock("")
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
        delta.putObject("delta").put("stop_reason", ChatAnswerToClaude.stopReason(finishReason))
                .putNull("stop_sequence");
        JsonNode reported = usage;
        delta.set("usage", reported != null ? ChatAnswerToClaude.claudeUsage(reported)
                : ChatAnswerToClaude.usage(promptEstimate, 0, 0, countTokens.applyAsLong(produced.toString())));
        out.add(event(delta));
        out.add(event(Json.MAPPER.createObjectNode().put("type", "message_stop")));
        markFinished();
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

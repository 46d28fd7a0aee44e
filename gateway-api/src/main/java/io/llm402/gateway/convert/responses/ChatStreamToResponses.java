package io.llm402.gateway.convert.responses;

import static io.llm402.gateway.convert.JsonFields.reasoning;
import static io.llm402.gateway.convert.JsonFields.str;
import static io.llm402.gateway.convert.responses.ChatAnswerToResponses.envelope;
import static io.llm402.gateway.convert.responses.ChatAnswerToResponses.functionCallItem;
import static io.llm402.gateway.convert.responses.ChatAnswerToResponses.incompleteReason;
import static io.llm402.gateway.convert.responses.ChatAnswerToResponses.messageItem;
import static io.llm402.gateway.convert.responses.ChatAnswerToResponses.reasoningItem;
import static io.llm402.gateway.convert.responses.ChatAnswerToResponses.summaryPart;
import static io.llm402.gateway.convert.responses.ChatAnswerToResponses.textPart;

import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.convert.StreamConversion;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chat chunks in, typed Responses events out (api-formats §3.4, TV-15), for a Responses client served by a Chat
 * Completions upstream; each event with its {@code event:} name and a {@code sequence_number} counting from 0.
 * Reasoning, text and each tool call become output items in the order they start; a reasoning or text item closes
 * when anything else starts. Tool calls stay open until something other than a tool call starts or the stream ends,
 * so upstreams that interleave parallel calls by {@code index} still assemble correctly; open items always close in
 * {@code output_index} order. The terminal event goes out at {@code [DONE]}, after the usage chunk.
 */
public final class ChatStreamToResponses extends StreamConversion {

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
    private final Ids ids;
    private final String responseId;
    private final long createdAt;
    private final List<Item> items = new ArrayList<>();
    /** Open function calls by their chat {@code index}. */
    private final Map<Integer, Item> openCalls = new LinkedHashMap<>();
    private final List<ObjectNode> pending = new ArrayList<>();
    private @Nullable Item openText;
    private @Nullable JsonNode usage;
    private String finishReason = "";
    private int sequence;
    private boolean started;

    /**
     * {@code responsesRequest}: the client's request, echoed in the response objects. {@code created_at} is read from
     * {@code clock} now; the response and item ids come from {@code ids}.
     */
    public ChatStreamToResponses(ObjectNode responsesRequest, Clock clock, Ids ids) {
        this.request = responsesRequest;
        this.ids = ids;
        this.responseId = ids.next("resp_", 32);
        this.createdAt = clock.instant().getEpochSecond();
    }

    /** {@code [DONE]} ends the conversion: open items close and the terminal event goes out. */
    @Override
    protected List<SseEvent> onDone() {
        begin();
        complete();
        return drain();
    }

    @Override
    protected List<SseEvent> onJson(@Nullable String name, JsonNode chunk) {
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
            item = new Item(kind, items.size(), ids.next(kind == Kind.REASONING ? "rs_" : "msg_", 32));
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
            item = new Item(Kind.FUNCTION_CALL, items.size(), ids.next("fc_", 32));
            item.callId = id.isEmpty() ? ids.next("call_", 32) : id;
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
        ObjectNode usageObject = usage == null ? null : ChatAnswerToResponses.usage(usage);
        event(incomplete == null ? "response.completed" : "response.incomplete").set("response",
                envelope(request, responseId, createdAt, incomplete == null ? "completed" : "incomplete",
                        incomplete, output, usageObject));
        markFinished();
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

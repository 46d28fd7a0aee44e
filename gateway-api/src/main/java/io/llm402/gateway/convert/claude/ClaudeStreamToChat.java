package io.llm402.gateway.convert.claude;

import io.llm402.gateway.convert.ChatChunks;
import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.convert.StreamConversion;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Claude event stream as OpenAI chunks (api-formats §11.3), for an OpenAI Chat client served by a Claude upstream.
 * Tool calls are numbered by their own running count, never by Claude's block index, which also counts thinking and
 * text blocks (edge case 5).
 */
public final class ClaudeStreamToChat extends StreamConversion {

    /** A tool_use block's OpenAI index, and whether any argument text went out for it yet. */
    private static final class ToolCall {
        private final int index;
        private boolean argumentsSent;

        private ToolCall(int index) {
            this.index = index;
        }
    }

    private final String clientModel;
    private final boolean includeUsage;
    private final long created;
    private final Map<Integer, ToolCall> toolBlocks = new HashMap<>();
    private final ClaudeUsageToChat usage = new ClaudeUsageToChat();
    private String id;
    private boolean started;
    private int toolCount;
    private String stopReason = "";

    /**
     * {@code includeUsage}: the client's {@code stream_options.include_usage}. {@code created} is read from
     * {@code clock} now; the completion id comes from {@code ids} unless {@code message_start} brings Claude's.
     */
    public ClaudeStreamToChat(String clientModel, boolean includeUsage, Clock clock, Ids ids) {
        this.clientModel = clientModel;
        this.includeUsage = includeUsage;
        this.created = clock.instant().getEpochSecond();
        this.id = ClaudeAnswerToChat.completionId(ids);
    }

    /** One Claude event; {@code message_stop} ends the conversion, the client then has its {@code [DONE]}. */
    @Override
    protected List<SseEvent> onJson(@Nullable String name, JsonNode event) {
        List<SseEvent> out = new ArrayList<>(3);
        int index = event.path("index").asInt(-1);
        switch (event.path("type").asString(name == null ? "" : name)) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                if (!started && !message.path("id").asString("").isEmpty()) {
                    id = message.path("id").asString();
                }
                usage.add(message.path("usage"));
                start(out);
            }
            case "content_block_start" -> blockStart(index, event.path("content_block"), out);
            case "content_block_delta" -> blockDelta(index, event.path("delta"), out);
            case "content_block_stop" -> {
                ToolCall call = toolBlocks.get(index);
                // Claude streams no input_json_delta for a tool without arguments; the client still needs JSON.
                if (call != null && !call.argumentsSent) {
                    call.argumentsSent = true;
                    out.add(chunk(arguments(call, "{}"), out));
                }
            }
            case "message_delta" -> {
                if (event.path("delta").path("stop_reason").isString()) {
                    stopReason = event.path("delta").path("stop_reason").asString();
                }
                usage.add(event.path("usage"));
            }
            case "message_stop" -> finish(out);
            default -> {
                // ping; an error event, which the caller reports; event types this converter does not know
            }
        }
        return out;
    }

    private void blockStart(int index, JsonNode block, List<SseEvent> out) {
        switch (block.path("type").asString("")) {
            case "text" -> content("content", block.path("text").asString(""), out);
            case "thinking" -> content("reasoning_content", block.path("thinking").asString(""), out);
            case "tool_use" -> {
                ToolCall call = new ToolCall(toolCount++);
                toolBlocks.put(index, call);
                ObjectNode delta = Json.MAPPER.createObjectNode();
                ObjectNode entry = delta.putArray("tool_calls").addObject().put("index", call.index)
                        .put("id", block.path("id").asString("")).put("type", "function");
                entry.putObject("function").put("name", block.path("name").asString("")).put("arguments", "");
                out.add(chunk(delta, out));
            }
            default -> {
                // redacted_thinking and server-tool blocks have no Chat Completions form
            }
        }
    }

    private void blockDelta(int index, JsonNode delta, List<SseEvent> out) {
        switch (delta.path("type").asString("")) {
            case "text_delta" -> content("content", delta.path("text").asString(""), out);
            case "thinking_delta" -> content("reasoning_content", delta.path("thinking").asString(""), out);
            case "input_json_delta" -> {
                ToolCall call = toolBlocks.get(index);
                String fragment = delta.path("partial_json").asString("");
                // Claude opens every tool block with an empty fragment (edge case 7).
                if (call != null && !fragment.isEmpty()) {
                    call.argumentsSent = true;
                    out.add(chunk(arguments(call, fragment), out));
                }
            }
            default -> {
                // signature_delta (a reasoning "\n" here, as new-api sends, would corrupt the text), citations
            }
        }
    }

    private void content(String field, String text, List<SseEvent> out) {
        if (!text.isEmpty()) {
            out.add(chunk(Json.MAPPER.createObjectNode().put(field, text), out));
        }
    }

    private static ObjectNode arguments(ToolCall call, String fragment) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.putArray("tool_calls").addObject().put("index", call.index).putObject("function")
                .put("arguments", fragment);
        return delta;
    }

    /** The role chunk, once, before anything else, even if message_start never came. */
    private void start(List<SseEvent> out) {
        if (!started) {
            started = true;
            out.add(choiceChunk(Json.MAPPER.createObjectNode().put("role", "assistant").put("content", ""), null));
        }
    }

    /** A delta chunk, preceded by the role chunk when it is the first. */
    private SseEvent chunk(ObjectNode delta, List<SseEvent> out) {
        start(out);
        return choiceChunk(delta, null);
    }

    private void finish(List<SseEvent> out) {
        start(out);
        out.add(choiceChunk(Json.MAPPER.createObjectNode(), ClaudeAnswerToChat.finishReason(stopReason)));
        if (includeUsage) {
            out.add(ChatChunks.usage(id, created, clientModel, usage.openAi()));
        }
        out.add(new SseEvent(null, "[DONE]"));
        markFinished();
    }

    private SseEvent choiceChunk(ObjectNode delta, @Nullable String finishReason) {
        return ChatChunks.choice(id, created, clientModel, delta, finishReason);
    }
}

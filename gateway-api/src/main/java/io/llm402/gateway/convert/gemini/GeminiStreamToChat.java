package io.llm402.gateway.convert.gemini;

import static io.llm402.gateway.convert.JsonFields.str;

import io.llm402.gateway.convert.ChatChunks;
import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.convert.StreamConversion;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini SSE chunks in, OpenAI chunks out (api-formats §12.2 streaming, TV-08), for an OpenAI Chat client served
 * by a Gemini upstream. Candidate 0 only: Gemini does not stream several candidates. Each run of same-kind parts
 * in a chunk becomes one chunk; a function call arrives whole and leaves whole, with an {@code index} that keeps
 * counting across chunks (§14.5).
 */
public final class GeminiStreamToChat extends StreamConversion {

    private final String clientModel;
    private final boolean includeUsage;
    private final long created;
    private final Ids ids;
    private String id = "";
    private boolean started;
    private int toolCalls;
    private @Nullable JsonNode usage;

    /**
     * {@code includeUsage}: the client's {@code stream_options.include_usage}. {@code created} is read from
     * {@code clock} now; ids Gemini did not send come from {@code ids}.
     */
    public GeminiStreamToChat(String clientModel, boolean includeUsage, Clock clock, Ids ids) {
        this.clientModel = clientModel;
        this.includeUsage = includeUsage;
        this.created = clock.instant().getEpochSecond();
        this.ids = ids;
    }

    /** One Gemini chunk; a finish reason or a blocked prompt ends the conversion (finish chunk, {@code [DONE]}). */
    @Override
    protected List<SseEvent> onJson(@Nullable String name, JsonNode chunk) {
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
            id = responseId.isEmpty() ? GeminiAnswerToChat.completionId(ids) : responseId;
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
            finish(out, GeminiAnswerToChat.finishReason(reason, toolCalls > 0));
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
            String piece = call ? "" : thought ? str(part.path("text")) : GeminiAnswerToChat.visibleText(part);
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
                calls.add(GeminiAnswerToChat.toolCall(part, toolCalls++, ids));
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
        ObjectNode usageChunk = usage == null ? null : GeminiAnswerToChat.usage(usage);
        if (includeUsage && usageChunk != null) {
            out.add(ChatChunks.usage(id, created, clientModel, usageChunk));
        }
        out.add(new SseEvent(null, "[DONE]"));
        markFinished();
    }

    private SseEvent chunk(ObjectNode delta, @Nullable String finishReason) {
        return ChatChunks.choice(id, created, clientModel, delta, finishReason);
    }
}

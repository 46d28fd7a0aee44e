package io.llm402.gateway.convert;

import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Chat Completions stream chunks, as every converter that streams to a Chat client writes them. */
public final class ChatChunks {

    private ChatChunks() {
    }

    /** A chunk's envelope: id, object, created, model. */
    public static ObjectNode envelope(String id, long created, String model) {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    /** A chunk with one choice carrying {@code delta}; {@code finishReason} null until the last. */
    public static SseEvent choice(String id, long created, String model, ObjectNode delta,
                                  @Nullable String finishReason) {
        ObjectNode chunk = envelope(id, created, model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return new SseEvent(null, Json.MAPPER.writeValueAsString(chunk));
    }

    /** The usage-only chunk a client asked for with {@code stream_options.include_usage}: no choices. */
    public static SseEvent usage(String id, long created, String model, ObjectNode usage) {
        ObjectNode chunk = envelope(id, created, model);
        chunk.putArray("choices");
        chunk.set("usage", usage);
        return new SseEvent(null, Json.MAPPER.writeValueAsString(chunk));
    }
}

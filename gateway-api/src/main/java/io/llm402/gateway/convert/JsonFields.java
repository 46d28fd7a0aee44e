package io.llm402.gateway.convert;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Lenient reads of JSON fields for the converters: a field of the wrong type reads as absent, never as an error,
 * since clients and upstreams send all kinds of near-misses. Nodes are built and parsed with
 * {@link io.llm402.gateway.wire.Json#MAPPER} only.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The node's text when it is a JSON string; anything else (missing, null, a number, a container) is "". */
    public static String str(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }

    /** The node's text when it is a JSON string, else {@code fallback}. */
    public static String str(JsonNode node, String fallback) {
        return node.isString() ? node.asString() : fallback;
    }

    /** A token count: the number, 0 for a negative one or anything that is not a number. */
    public static long count(JsonNode node) {
        return node.isNumber() ? Math.max(0, node.asLong()) : 0;
    }

    /** The elements of an array; nothing for a missing, null or non-array node (iterating an object gives values). */
    public static Iterable<JsonNode> elements(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    /**
     * The reasoning text of a Chat message or delta: {@code reasoning_content} (DeepSeek, vLLM, new-api), else
     * {@code reasoning} (OpenRouter, newer vLLM); "" when neither is a string.
     */
    public static String reasoning(JsonNode holder) {
        return str(holder.path("reasoning_content"), str(holder.path("reasoning")));
    }
}

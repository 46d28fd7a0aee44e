package io.llm402.ops.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deterministic content every wire format shares: streamed pieces, reasoning text, tool calls, vectors, token
 * estimates.
 */
final class Fake {

    static final String REASONING = "Thinking it over.";
    static final String SIGNATURE = "sim-signature";
    /** Gemini's {@code thoughtSignature} on the first {@code functionCall} part. */
    static final String TOOL_SIGNATURE = "sig-sim-0";
    static final int DIMENSIONS = 4;

    private Fake() {
    }

    /** The {@code index}th streamed text piece; the same in every format so gateway tests can compare them. */
    static String piece(int index) {
        return "tok" + index + " ";
    }

    /** The whole text of a stream of {@code pieces} pieces. */
    static String streamedText(int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(piece(i));
        }
        return text.toString();
    }

    /** The name of tool call {@code index}: {@code tool_<index>}. */
    static String toolName(int index) {
        return "tool_" + index;
    }

    /** Whether tool call {@code index} of {@code count} has arguments: all do but the last of two or more. */
    static boolean toolHasArguments(int index, int count) {
        return count < 2 || index < count - 1;
    }

    /** Tool call {@code index}'s arguments: {@code {"city":"City<index>","unit":"c"}}, or {@code {}} for none. */
    static ObjectNode toolInput(int index, int count) {
        ObjectNode input = JsonMapper.shared().createObjectNode();
        if (toolHasArguments(index, count)) {
            input.put("city", "City" + index).put("unit", "c");
        }
        return input;
    }

    /** {@link #toolInput} as compact JSON text, as OpenAI's {@code function.arguments} carries it. */
    static String toolArguments(int index, int count) {
        return JsonMapper.shared().writeValueAsString(toolInput(index, count));
    }

    /**
     * {@link #toolArguments} cut into the fragments a stream sends: 2 for an even index, 3 for an odd one, none for a
     * call without arguments.
     */
    static List<String> toolArgumentPieces(int index, int count) {
        if (!toolHasArguments(index, count)) {
            return List.of();
        }
        String json = toolArguments(index, count);
        int parts = index % 2 == 0 ? 2 : 3;
        List<String> pieces = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            pieces.add(json.substring(json.length() * part / parts, json.length() * (part + 1) / parts));
        }
        return pieces;
    }

    /**
     * Characters of all texts in {@code messages} and {@code extras} / 4, plus 4 per message, at least 1: roughly
     * what a tokenizer would say. {@code messages} may be an array or a single message or string.
     */
    static int estimateTokens(JsonNode messages, JsonNode... extras) {
        Collection<JsonNode> list = messages.isArray() ? messages.values()
                : messages.isMissingNode() || messages.isNull() ? List.<JsonNode>of() : List.of(messages);
        int chars = 0;
        for (JsonNode message : list) {
            chars += textChars(message);
        }
        for (JsonNode extra : extras) {
            chars += textChars(extra);
        }
        return Math.max(1, chars / 4 + 4 * list.size());
    }

    /** Characters / 4, at least 1, without the per-message overhead (embeddings, rerank, legacy prompts). */
    static int estimateTextTokens(JsonNode... texts) {
        int chars = 0;
        for (JsonNode text : texts) {
            chars += textChars(text);
        }
        return Math.max(1, chars / 4);
    }

    /**
     * Text length in a string, message, content block or part: strings, and the {@code text}, {@code content} and
     * {@code parts} fields, recursively; one function for OpenAI, Claude and Gemini shapes alike.
     */
    static int textChars(JsonNode node) {
        if (node.isString()) {
            return node.asString().length();
        }
        int chars = 0;
        if (node.isArray()) {
            for (JsonNode element : node.values()) {
                chars += textChars(element);
            }
        } else if (node.isObject()) {
            chars += textChars(node.path("text")) + textChars(node.path("content")) + textChars(node.path("parts"));
        }
        return chars;
    }

    /** All text of a Gemini {@code content} ({@code parts[].text}) joined, the seed of its embedding. */
    static String joinedText(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.path("parts").values()) {
            if (part.path("text").isString()) {
                text.append(part.path("text").asString());
            }
        }
        return text.toString();
    }

    /**
     * A vector derived from the text's hash: multiples of 0.25 in [-1, 1], exact in float32, so the JSON floats and
     * the base64 float32 bytes carry the same numbers.
     */
    static float[] vector(String text) {
        int hash = text.hashCode();
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            int bits = (hash >>> (8 * i)) & 0xFF;
            vector[i] = (bits % 9 - 4) * 0.25f;
        }
        return vector;
    }

    static ArrayNode vectorJson(float[] vector) {
        ArrayNode values = JsonMapper.shared().createArrayNode();
        for (float value : vector) {
            values.add((double) value);
        }
        return values;
    }

    /** OpenAI's {@code encoding_format: "base64"}: the float32 little-endian bytes, base64-encoded. */
    static String vectorBase64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * vector.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}

package io.llm402.gateway.metering;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Counts tokens locally with the {@code o200k_base} tokenizer: for the reservation before a call, and for usage when
 * the upstream reports none. An estimate for non-OpenAI models, which is all it claims to be. Thread-safe.
 */
public final class TokenEstimator {

    // OpenAI cookbook ("How to count tokens with tiktoken"): fixed overheads of the chat format.
    static final long TOKENS_PER_MESSAGE = 3;
    static final long TOKENS_PER_NAME = 1;
    static final long REPLY_PRIMING_TOKENS = 3;
    /** A low-detail image's flat cost; the dimensions aren't known without fetching the image. */
    static final long TOKENS_PER_IMAGE = 85;

    private final Encoding encoding;

    private TokenEstimator() {
        // The lazy registry loads only this encoding's table, not all of them.
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /** The shared instance; loading the tokenizer table is costly, so it happens once, on first use. */
    public static TokenEstimator instance() {
        return Holder.INSTANCE;
    }

    public long countText(String text) {
        // "Ordinary" so user text containing "<|endoftext|>" is counted as text instead of throwing.
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** Estimates a Chat Completions request's prompt tokens; never throws on malformed bodies. */
    public long countChatPrompt(@Nullable JsonNode requestBody) {
        long total = REPLY_PRIMING_TOKENS;
        if (requestBody == null) {
            return total;
        }
        for (JsonNode message : elements(requestBody.path("messages"))) {
            total += countMessage(message);
        }
        // Tool definitions are sent to the model as prompt text too; counting their JSON keeps reservations honest.
        JsonNode tools = requestBody.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            total += countText(tools.toString());
        }
        return total;
    }

    /**
     * Estimates the prompt of any JSON request (Claude, Gemini, Responses, embeddings, rerank): the text of every string
     * in {@code node}, with binary payloads (base64 data, URLs, signatures) counted as one image each rather than
     * as text, so a reservation is neither absurdly large nor too small.
     */
    public long countJsonPrompt(@Nullable JsonNode node) {
        return node == null ? 0 : REPLY_PRIMING_TOKENS + countStrings(node, null);
    }

    private long countStrings(JsonNode node, @Nullable String field) {
        if (node.isString()) {
            return field != null && BINARY_FIELDS.contains(field) ? TOKENS_PER_IMAGE : countText(node.stringValue());
        }
        long total = 0;
        if (node.isArray()) {
            for (JsonNode element : node) {
                total += countStrings(element, field);
            }
        } else if (node.isObject()) {
            for (var entry : node.properties()) {
                total += countStrings(entry.getValue(), entry.getKey());
            }
        }
        return total;
    }

    private static final java.util.Set<String> BINARY_FIELDS = java.util.Set.of("data", "url", "image_url", "file_data",
            "fileUri", "file_uri", "signature", "thoughtSignature", "thought_signature", "encrypted_content", "image");

    private long countMessage(JsonNode message) {
        if (!message.isObject()) {
            return 0;
        }
        long total = TOKENS_PER_MESSAGE + countString(message.path("role")) + countContent(message.path("content"))
                + countString(message.path("tool_call_id"));
        JsonNode name = message.path("name");
        if (name.isString()) {
            total += TOKENS_PER_NAME + countString(name);
        }
        for (JsonNode call : elements(message.path("tool_calls"))) {
            JsonNode function = call.path("function");
            total += countString(function.path("name")) + countString(function.path("arguments"));
        }
        return total;
    }

    private long countContent(JsonNode content) {
        if (!content.isArray()) {
            return countString(content);
        }
        long total = 0;
        for (JsonNode part : content) {
            JsonNode type = part.path("type");
            if ((type.isString() && type.stringValue().startsWith("image")) || part.has("image_url")) {
                total += TOKENS_PER_IMAGE;
            } else {
                total += part.isString() ? countString(part) : countString(part.path("text"));
            }
        }
        return total;
    }

    private long countString(JsonNode node) {
        return node.isString() ? countText(node.stringValue()) : 0;
    }

    // Only arrays are iterated: iterating an object would walk its field values, which are not list items.
    private static Iterable<JsonNode> elements(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    private static final class Holder {
        static final TokenEstimator INSTANCE = new TokenEstimator();
    }
}

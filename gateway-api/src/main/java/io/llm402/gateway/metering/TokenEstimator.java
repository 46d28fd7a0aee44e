package io.llm402.gateway.metering;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Counts tokens locally with the {@code o200k_base} tokenizer: for the reservation before a call, and for usage when
 * the upstream reports none. An estimate for non-OpenAI models, which is all it claims to be. Thread-safe.
 *
 * <p>Bounded for any input. The tokenizer's cost grows faster than linearly with the length of one unbroken word (an
 * 8 MB run of one letter took a minute of CPU and ended in {@code OutOfMemoryError}), so text is fed to it in pieces
 * of at most {@value #PIECE_CHARS} characters, cut at whitespace where possible, and only for the first
 * {@value #EXACT_BUDGET_CHARS} characters of one count. Text beyond that budget is counted as its UTF-8 byte length,
 * an upper bound (every token of a byte-level BPE covers at least one byte): a reservation may be larger than needed
 * for a huge prompt, never smaller. Measured here: the budget costs at most ~150 ms of CPU (random CJK text, the
 * tokenizer's slowest case), ~20 ms for prose.
 */
public final class TokenEstimator {

    // OpenAI cookbook ("How to count tokens with tiktoken"): fixed overheads of the chat format.
    static final long TOKENS_PER_MESSAGE = 3;
    static final long TOKENS_PER_NAME = 1;
    static final long REPLY_PRIMING_TOKENS = 3;
    /** A low-detail image's flat cost; the dimensions aren't known without fetching the image. */
    static final long TOKENS_PER_IMAGE = 85;

    /** The longest piece handed to the tokenizer at once. */
    static final int PIECE_CHARS = 2048;
    /** How many characters of one count are tokenized; the rest is bounded by its byte length. */
    static final int EXACT_BUDGET_CHARS = 256 * 1024;

    /** The tokenizer; "ordinary" so user text containing "<|endoftext|>" is counted as text instead of throwing. */
    private final ToIntFunction<String> tokenizer;

    private TokenEstimator() {
        // The lazy registry loads only this encoding's table, not all of them.
        Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        this.tokenizer = encoding::countTokensOrdinary;
    }

    /** With another tokenizer, to observe what it is given. */
    TokenEstimator(ToIntFunction<String> tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The shared instance; loading the tokenizer table is costly, so it happens once, on first use. */
    public static TokenEstimator instance() {
        return Holder.INSTANCE;
    }

    /** The tokens of one text (an answer's output, when the upstream reported no usage). */
    public long countText(String text) {
        return new Tally().text(text);
    }

    /** Estimates a Chat Completions request's prompt tokens; never throws on malformed bodies. */
    public long countChatPrompt(@Nullable JsonNode requestBody) {
        long total = REPLY_PRIMING_TOKENS;
        if (requestBody == null) {
            return total;
        }
        Tally tally = new Tally();
        for (JsonNode message : elements(requestBody.path("messages"))) {
            total += tally.message(message);
        }
        // Tool definitions are sent to the model as prompt text too; counting their JSON keeps reservations honest.
        JsonNode tools = requestBody.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            total += tally.strings(tools, null);
        }
        return total;
    }

    /**
     * Estimates the prompt of any JSON request (Claude, Gemini, Responses, embeddings, rerank): the text of every
     * string in each part, with binary payloads (base64 data, URLs, signatures) counted as one image each rather than
     * as text, so a reservation is neither absurdly large nor too small. The parts share one budget.
     */
    public long countJsonPrompt(JsonNode... parts) {
        Tally tally = new Tally();
        long total = 0;
        for (JsonNode part : parts) {
            total += REPLY_PRIMING_TOKENS + tally.strings(part, null);
        }
        return total;
    }

    private static final java.util.Set<String> BINARY_FIELDS = java.util.Set.of("data", "url", "image_url", "file_data",
            "fileUri", "file_uri", "signature", "thoughtSignature", "thought_signature", "encrypted_content", "image");

    /** One count, with its budget of characters for the tokenizer. Not thread-safe; one per count. */
    private final class Tally {

        private long exactCharsLeft = EXACT_BUDGET_CHARS;

        long text(String text) {
            int length = text.length();
            if (length == 0) {
                return 0;
            }
            int exact = (int) Math.min(length, exactCharsLeft);
            if (exact < length && exact > 0 && Character.isHighSurrogate(text.charAt(exact - 1))) {
                exact--; // keep a surrogate pair on one side of the budget
            }
            exactCharsLeft -= exact;
            long total = 0;
            int start = 0;
            while (start < exact) {
                int end = pieceEnd(text, start, exact);
                total += tokenizer.applyAsInt(text.substring(start, end));
                start = end;
            }
            return exact == length ? total : total + utf8Bytes(text, exact, length);
        }

        long strings(JsonNode node, @Nullable String field) {
            if (node.isString()) {
                return field != null && BINARY_FIELDS.contains(field) ? TOKENS_PER_IMAGE : text(node.stringValue());
            }
            long total = 0;
            if (node.isArray()) {
                for (JsonNode element : node) {
                    total += strings(element, field);
                }
            } else if (node.isObject()) {
                for (var entry : node.properties()) {
                    total += strings(entry.getValue(), entry.getKey());
                }
            }
            return total;
        }

        long message(JsonNode message) {
            if (!message.isObject()) {
                return 0;
            }
            long total = TOKENS_PER_MESSAGE + string(message.path("role")) + content(message.path("content"))
                    + string(message.path("tool_call_id"));
            JsonNode name = message.path("name");
            if (name.isString()) {
                total += TOKENS_PER_NAME + string(name);
            }
            for (JsonNode call : elements(message.path("tool_calls"))) {
                JsonNode function = call.path("function");
                total += string(function.path("name")) + string(function.path("arguments"));
            }
            return total;
        }

        private long content(JsonNode content) {
            if (!content.isArray()) {
                return string(content);
            }
            long total = 0;
            for (JsonNode part : content) {
                JsonNode type = part.path("type");
                if ((type.isString() && type.stringValue().startsWith("image")) || part.has("image_url")) {
                    total += TOKENS_PER_IMAGE;
                } else {
                    total += part.isString() ? string(part) : string(part.path("text"));
                }
            }
            return total;
        }

        private long string(JsonNode node) {
            return node.isString() ? text(node.stringValue()) : 0;
        }
    }

    /**
     * Where the piece starting at {@code start} ends: at most {@link #PIECE_CHARS} on, just before the last single
     * space between two words in its second half (the tokenizer starts a word at such a space, so a cut there changes
     * nothing), else a hard cut that never splits a surrogate pair.
     */
    static int pieceEnd(String text, int start, int limit) {
        int end = start + PIECE_CHARS;
        if (end >= limit) {
            return limit;
        }
        for (int i = end - 1; i > start + PIECE_CHARS / 2; i--) {
            if (text.charAt(i) == ' ' && !Character.isWhitespace(text.charAt(i - 1))
                    && !Character.isWhitespace(text.charAt(i + 1))) {
                return i;
            }
        }
        return Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
    }

    /** The UTF-8 length of {@code text[from, to)} without encoding it. */
    static long utf8Bytes(String text, int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    // Only arrays are iterated: iterating an object would walk its field values, which are not list items.
    private static Iterable<JsonNode> elements(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    private static final class Holder {
        static final TokenEstimator INSTANCE = new TokenEstimator();
    }
}

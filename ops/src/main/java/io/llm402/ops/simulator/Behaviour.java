package io.llm402.ops.simulator;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the simulator does for one request, read from the {@code key=value} segments of the path prefix (everything
 * before the first {@code /v1/}, {@code /v1beta/}, {@code /v2/} or {@code /openai/}), so that a channel's
 * {@code base_url} such as {@code http://127.0.0.1:9999/sim/chunks=20/latency=5} selects it for every provider.
 * {@link #UNSET} marks an optional number that was not given.
 *
 * @param cacheWrite   cache-write tokens (Claude: the 5-minute ones)
 * @param cacheWrite1h Claude 1-hour cache-write tokens
 * @param units        Cohere rerank search units billed
 * @param tools        tool calls an OpenAI Chat, Claude Messages or Gemini answer carries after its text (0: none);
 *                     see {@link Fake#toolName}
 * @param flavor       which variant of a shared wire format to speak
 * @param streamError  a streamed answer is a 200 whose first event is the provider's in-band error event
 */
record Behaviour(int status, long latencyMs, int chunks, long chunkDelayMs, int completion, int cached,
                 int reasoning, int prompt, int cutAfter, boolean noUsage, boolean garbage,
                 int cacheWrite, int cacheWrite1h, int units, int tools, Flavor flavor,
                 boolean streamError) {

    static final int UNSET = -1;
    static final int NON_STREAM_COMPLETION_TOKENS = 5;

    private static final Set<String> KEYS = Set.of("status", "latency", "chunks", "chunkDelay", "completion",
            "cached", "reasoning", "prompt", "cutAfter", "noUsage", "garbage", "cacheWrite", "cacheWrite1h", "units",
            "tools", "flavor", "streamError");

    /** Variants of a format another provider shares: DeepSeek's chat usage, Jina's rerank. */
    enum Flavor { STANDARD, DEEPSEEK, JINA }

    /** Parses the path prefix; an unknown key or a bad value throws IllegalArgumentException (typos fail loudly). */
    static Behaviour parse(String prefix) {
        Map<String, String> settings = new HashMap<>();
        for (String segment : prefix.split("/")) {
            int eq = segment.indexOf('=');
            if (eq > 0) {
                String key = segment.substring(0, eq);
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown simulator setting '" + key + "', known: " + KEYS);
                }
                settings.put(key, segment.substring(eq + 1));
            }
        }
        int status = number(settings, "status", UNSET);
        if (status != UNSET && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be 400..599, got " + status);
        }
        return new Behaviour(status,
                number(settings, "latency", 0),
                number(settings, "chunks", 5),
                number(settings, "chunkDelay", 0),
                number(settings, "completion", UNSET),
                number(settings, "cached", 0),
                number(settings, "reasoning", 0),
                number(settings, "prompt", UNSET),
                number(settings, "cutAfter", UNSET),
                Boolean.parseBoolean(settings.get("noUsage")),
                Boolean.parseBoolean(settings.get("garbage")),
                number(settings, "cacheWrite", 0),
                number(settings, "cacheWrite1h", 0),
                number(settings, "units", 1),
                number(settings, "tools", 0),
                flavor(settings.get("flavor")),
                Boolean.parseBoolean(settings.get("streamError")));
    }

    /** Whether a stream is dropped after {@link #cutAfter()} text pieces instead of finishing. */
    boolean cuts() {
        return cutAfter != UNSET;
    }

    /** How many text pieces a stream sends before it finishes (or is cut). */
    int streamedChunks() {
        return cuts() ? cutAfter : chunks;
    }

    /**
     * The token counts to report, the same for every format: {@code prompt} if given, else {@code estimatedPrompt};
     * {@code completion} if given, else 5 for an answer and one per chunk for a stream.
     */
    Tokens tokens(int estimatedPrompt, boolean stream) {
        int defaultCompletion = stream ? Math.max(1, chunks) : NON_STREAM_COMPLETION_TOKENS;
        return new Tokens(prompt != UNSET ? prompt : estimatedPrompt,
                completion != UNSET ? completion : defaultCompletion,
                cached, reasoning, cacheWrite, cacheWrite1h);
    }

    private static Flavor flavor(@Nullable String value) {
        if (value == null) {
            return Flavor.STANDARD;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "deepseek" -> Flavor.DEEPSEEK;
            case "jina" -> Flavor.JINA;
            default -> throw new IllegalArgumentException("flavor must be deepseek or jina, got '" + value + "'");
        };
    }

    private static int number(Map<String, String> settings, String key, int fallback) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < 0) {
                throw new IllegalArgumentException(key + " must not be negative, got " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'", e);
        }
    }
}

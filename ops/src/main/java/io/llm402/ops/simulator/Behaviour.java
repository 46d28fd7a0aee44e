package io.llm402.ops.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the simulator does for one request, read from the {@code key=value} segments of the path before {@code /v1/},
 * so that a channel's {@code base_url} such as {@code http://127.0.0.1:9999/sim/chunks=20/latency=5} selects it.
 * {@link #UNSET} marks an optional number that was not given.
 */
record Behaviour(int status, long latencyMs, int chunks, long chunkDelayMs, int completion, int cached,
                 int reasoning, int prompt, int cutAfter, boolean noUsage, boolean garbage) {

    static final int UNSET = -1;

    private static final Set<String> KEYS = Set.of("status", "latency", "chunks", "chunkDelay", "completion",
            "cached", "reasoning", "prompt", "cutAfter", "noUsage", "garbage");

    /** Parses the path prefix; an unknown key or a bad number throws IllegalArgumentException (typos fail loudly). */
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
                Boolean.parseBoolean(settings.get("garbage")));
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

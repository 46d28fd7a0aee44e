package io.llm402.gateway.catalog;

import io.llm402.gateway.wire.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The most output tokens one answer of a model can have. A client asking for more gets a 400 before anything is
 * reserved, so a huge {@code max_tokens} can neither inflate a reservation nor reach an upstream that would refuse it.
 *
 * <p>Known models come from their providers' published limits; the {@code model_max_output_tokens} setting (option
 * {@code ModelMaxOutputTokens}) adds models or overrides them, and 0 there means "no limit known". A name matches an
 * entry exactly or as a dated or suffixed variant ({@code gpt-4o-2024-08-06} is {@code gpt-4o}); the longest entry
 * wins, and a provider prefix ({@code openai/gpt-4o}) is ignored. Unknown models are capped only by the parser's
 * global bound.
 */
public final class OutputLimits {

    /** Providers' documented maximum output per answer (December 2026). */
    static final Map<String, Long> KNOWN = Map.ofEntries(
            Map.entry("gpt-3.5-turbo", 4_096L),
            Map.entry("gpt-4-turbo", 4_096L),
            Map.entry("gpt-4o", 16_384L),
            Map.entry("chatgpt-4o-latest", 16_384L),
            Map.entry("gpt-4.1", 32_768L),
            Map.entry("gpt-5", 128_000L),
            Map.entry("gpt-5-chat", 16_384L),
            Map.entry("o1", 100_000L),
            Map.entry("o1-mini", 65_536L),
            Map.entry("o1-preview", 32_768L),
            Map.entry("o3", 100_000L),
            Map.entry("o4-mini", 100_000L),
            Map.entry("claude-3-haiku", 4_096L),
            Map.entry("claude-3-opus", 4_096L),
            Map.entry("claude-3-5-haiku", 8_192L),
            Map.entry("claude-3-5-sonnet", 8_192L),
            Map.entry("claude-3-7-sonnet", 128_000L),
            Map.entry("claude-sonnet-4", 64_000L),
            Map.entry("claude-opus-4", 32_000L),
            Map.entry("claude-opus-4-5", 64_000L),
            Map.entry("claude-haiku-4-5", 64_000L),
            Map.entry("gemini-1.5-flash", 8_192L),
            Map.entry("gemini-1.5-pro", 8_192L),
            Map.entry("gemini-2.0-flash", 8_192L),
            Map.entry("gemini-2.5-flash", 65_536L),
            Map.entry("gemini-2.5-pro", 65_536L),
            Map.entry("deepseek-chat", 8_192L),
            Map.entry("deepseek-reasoner", 64_000L));

    /** What {@link #limitFor} answers when nothing is known: no limit beyond the parser's. */
    public static final long UNKNOWN = Long.MAX_VALUE;

    private static final long MOST_CONFIGURABLE = 100_000_000L;

    private final Map<String, Long> limits;

    private OutputLimits(Map<String, Long> limits) {
        this.limits = limits;
    }

    public static final OutputLimits BUILT_IN = new OutputLimits(KNOWN);

    /** The built-in limits with the setting's entries over them; the setting was checked by {@link #normalize}. */
    public static OutputLimits withOverrides(String settingJson) {
        Map<String, Long> merged = new HashMap<>(KNOWN);
        merged.putAll(read(settingJson));
        return new OutputLimits(Map.copyOf(merged));
    }

    /** The most output tokens one answer of {@code model} may ask for, or {@link #UNKNOWN}. */
    public long limitFor(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1);
        Long exact = limits.get(name);
        if (exact != null) {
            return exact == 0 ? UNKNOWN : exact;
        }
        // The longest entry that the name extends at a '-' boundary: "o3-mini-2025-01-31" is "o3", not "o1".
        for (int end = name.lastIndexOf('-'); end > 0; end = name.lastIndexOf('-', end - 1)) {
            Long prefix = limits.get(name.substring(0, end));
            if (prefix != null) {
                return prefix == 0 ? UNKNOWN : prefix;
            }
        }
        return UNKNOWN;
    }

    /** The setting's value in canonical form (sorted JSON); {@link IllegalArgumentException} says what is wrong. */
    public static String normalize(String value) {
        return Json.MAPPER.writeValueAsString(new TreeMap<>(read(value)));
    }

    private static Map<String, Long> read(String value) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(value.isBlank() ? "{}" : value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("must be a JSON object of model name to output tokens");
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("must be a JSON object of model name to output tokens");
        }
        Map<String, Long> limits = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : json.properties()) {
            JsonNode tokens = entry.getValue();
            if (entry.getKey().isBlank() || entry.getKey().length() > 255) {
                throw new IllegalArgumentException("a model name is 1-255 characters");
            }
            if (!tokens.isIntegralNumber() || tokens.asLong() < 0 || tokens.asLong() > MOST_CONFIGURABLE) {
                throw new IllegalArgumentException("the limit for '" + entry.getKey()
                        + "' must be a whole number of tokens from 0 (no limit known) to " + MOST_CONFIGURABLE);
            }
            limits.put(entry.getKey(), tokens.asLong());
        }
        return limits;
    }
}

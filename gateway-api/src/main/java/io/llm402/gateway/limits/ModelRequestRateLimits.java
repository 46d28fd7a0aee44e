package io.llm402.gateway.limits;

import io.llm402.domain.settings.api.SettingKey;
import io.llm402.gateway.wire.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * new-api's model request rate limit (reference realtime-ratelimit-cluster §B.1), read from the settings: per user
 * across models and keys, a window of N minutes, a total that counts failures ({@code count}, 0 = unlimited) and a
 * count of successful requests ({@code successCount}, at least 1); a group listed in the overrides (the key's group,
 * else the user's) uses its own pair.
 */
public record ModelRequestRateLimits(boolean enabled, int minutes, int count, int successCount,
                                     Map<String, GroupLimit> groups) {

    public static final ModelRequestRateLimits OFF = new ModelRequestRateLimits(false, 1, 0, 1000, Map.of());
    static final int MAX_MINUTES = 1440;
    static final int MAX_COUNT = 100_000_000;

    /** A group's own pair, as new-api's {@code [count, successCount]}. */
    public record GroupLimit(int count, int successCount) {
    }

    /** The limits in force; a stored value that does not parse leaves its default (values are checked on entry). */
    public static ModelRequestRateLimits from(Map<String, String> settings) {
        String enabled = settings.get(SettingKey.MODEL_REQUEST_RATE_LIMIT_ENABLED.wireName());
        if (!"true".equals(enabled)) {
            return OFF;
        }
        return new ModelRequestRateLimits(true,
                number(settings, SettingKey.MODEL_REQUEST_RATE_LIMIT_DURATION_MINUTES, OFF.minutes()),
                number(settings, SettingKey.MODEL_REQUEST_RATE_LIMIT_COUNT, OFF.count()),
                number(settings, SettingKey.MODEL_REQUEST_RATE_LIMIT_SUCCESS_COUNT, OFF.successCount()),
                groupsOrEmpty(settings.get(SettingKey.MODEL_REQUEST_RATE_LIMIT_GROUP.wireName())));
    }

    /** The limit for a request billed in {@code group}, or empty when none applies. */
    public Optional<WindowLimit> limitFor(String group) {
        if (!enabled) {
            return Optional.empty();
        }
        GroupLimit own = groups.get(group);
        int total = own != null ? own.count() : count;
        int success = own != null ? own.successCount() : successCount;
        return Optional.of(new WindowLimit(minutes * 60_000L, total, success));
    }

    public static boolean isRateLimitSetting(SettingKey key) {
        return key.name().startsWith("MODEL_REQUEST_RATE_LIMIT_");
    }

    /**
     * A value as it is stored, or an {@link IllegalArgumentException} saying what is wrong with it, in new-api's
     * option names.
     */
    public static String normalize(SettingKey key, String value) {
        String trimmed = value.trim();
        return switch (key) {
            case MODEL_REQUEST_RATE_LIMIT_ENABLED -> {
                if (!trimmed.equals("true") && !trimmed.equals("false")) {
                    throw new IllegalArgumentException("ModelRequestRateLimitEnabled must be true or false");
                }
                yield trimmed;
            }
            case MODEL_REQUEST_RATE_LIMIT_DURATION_MINUTES ->
                    String.valueOf(bounded(trimmed, 1, MAX_MINUTES, "ModelRequestRateLimitDurationMinutes"));
            case MODEL_REQUEST_RATE_LIMIT_COUNT ->
                    String.valueOf(bounded(trimmed, 0, MAX_COUNT, "ModelRequestRateLimitCount"));
            case MODEL_REQUEST_RATE_LIMIT_SUCCESS_COUNT ->
                    String.valueOf(bounded(trimmed, 1, MAX_COUNT, "ModelRequestRateLimitSuccessCount"));
            case MODEL_REQUEST_RATE_LIMIT_GROUP -> Json.MAPPER.writeValueAsString(groups(trimmed).entrySet().stream()
                    .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(),
                            new int[] {e.getValue().count(), e.getValue().successCount()}), Map::putAll));
            default -> throw new IllegalArgumentException(key + " is not a rate limit setting");
        };
    }

    /** The message a refused request gets: which limit, with its numbers. */
    public static String refusal(RateLimitVerdict verdict, WindowLimit limit) {
        long minutes = limit.windowMillis() / 60_000;
        return verdict.outcome() == RateLimitVerdict.Outcome.SUCCESS_REACHED
                ? "You have reached the request limit: at most " + limit.success() + " requests within " + minutes
                + " minute(s)."
                : "You have reached the total request limit: at most " + limit.total() + " requests within " + minutes
                + " minute(s), failures included. Check that your requests are correct.";
    }

    private static int number(Map<String, String> settings, SettingKey key, int byDefault) {
        String value = settings.get(key.wireName());
        try {
            return value == null ? byDefault : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return byDefault;
        }
    }

    private static int bounded(String value, int min, int max, String name) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }

    private static Map<String, GroupLimit> groupsOrEmpty(String json) {
        try {
            return json == null ? Map.of() : groups(json);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static Map<String, GroupLimit> groups(String json) {
        String problem = "ModelRequestRateLimitGroup must be a JSON object of [count, successCount] pairs, "
                + "count ≥ 0 and successCount ≥ 1, for example {\"vip\": [0, 100]}";
        JsonNode root;
        try {
            root = json.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(problem);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(problem);
        }
        Map<String, GroupLimit> groups = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            JsonNode pair = entry.getValue();
            if (entry.getKey().isBlank() || entry.getKey().length() > 64 || !pair.isArray() || pair.size() != 2
                    || !pair.get(0).canConvertToInt() || !pair.get(1).canConvertToInt()
                    || !pair.get(0).isIntegralNumber() || !pair.get(1).isIntegralNumber()) {
                throw new IllegalArgumentException(problem);
            }
            int count = pair.get(0).intValue();
            int success = pair.get(1).intValue();
            if (count < 0 || count > MAX_COUNT || success < 1 || success > MAX_COUNT) {
                throw new IllegalArgumentException(problem);
            }
            groups.put(entry.getKey(), new GroupLimit(count, success));
        }
        return java.util.Collections.unmodifiableMap(groups);
    }
}

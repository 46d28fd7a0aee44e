package io.llm402.gateway.limits;

import io.llm402.domain.settings.api.SettingKey;
import java.util.Map;

/**
 * How many requests one API key, and one user over all their keys, may have in flight at once across the cluster
 * (LiteLLM's {@code max_parallel_requests}; new-api has none). 0 is unlimited. A streaming request holds its slot
 * until its stream ends.
 */
public record ConcurrencyLimits(int perKey, int perUser) {

    public static final ConcurrencyLimits NONE = new ConcurrencyLimits(0, 0);
    static final int MAX = 1_000_000;

    public static ConcurrencyLimits from(Map<String, String> settings) {
        return new ConcurrencyLimits(number(settings.get(SettingKey.CONCURRENT_REQUESTS_PER_KEY.wireName())),
                number(settings.get(SettingKey.CONCURRENT_REQUESTS_PER_USER.wireName())));
    }

    public static boolean isConcurrencySetting(SettingKey key) {
        return key == SettingKey.CONCURRENT_REQUESTS_PER_KEY || key == SettingKey.CONCURRENT_REQUESTS_PER_USER;
    }

    /** The value as stored, or an {@link IllegalArgumentException} naming the option. */
    public static String normalize(SettingKey key, String value) {
        String name = key == SettingKey.CONCURRENT_REQUESTS_PER_KEY ? "ApiKeyConcurrencyLimit"
                : "UserConcurrencyLimit";
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 0 && number <= MAX) {
                return String.valueOf(number);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 0 (unlimited) to " + MAX);
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package io.llm402.domain.settings.api;

import java.util.Locale;

/** The global settings an operator can change; each value is kept as its configuration string. */
public enum SettingKey {
    /** Cached-input tokens cost input × this when neither the channel nor the model sets a ratio. */
    PROMPT_CACHE_RATIO,
    /** {@code true} or {@code false}: anyone may create an account with {@code POST /api/user/register}. */
    REGISTER_ENABLED,
    /** {@code true} or {@code false}: users may log in with a password. */
    PASSWORD_LOGIN_ENABLED,
    /** {@code true} or {@code false}: new-api's per-user model request rate limit is on. */
    MODEL_REQUEST_RATE_LIMIT_ENABLED,
    /** The rate limit's window in whole minutes (1-1440). */
    MODEL_REQUEST_RATE_LIMIT_DURATION_MINUTES,
    /** Requests per user and window, failures included; 0 is unlimited. */
    MODEL_REQUEST_RATE_LIMIT_COUNT,
    /** Successful requests per user and window (at least 1). */
    MODEL_REQUEST_RATE_LIMIT_SUCCESS_COUNT,
    /** Per-group overrides, new-api's JSON {@code {"group": [count, successCount]}}. */
    MODEL_REQUEST_RATE_LIMIT_GROUP,
    /** Requests one API key may have in flight at once, across the cluster; 0 is unlimited. */
    CONCURRENT_REQUESTS_PER_KEY,
    /** Requests one user may have in flight at once over all their keys, across the cluster; 0 is unlimited. */
    CONCURRENT_REQUESTS_PER_USER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SettingKey fromWireName(String name) {
        for (SettingKey key : values()) {
            if (key.wireName().equals(name)) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown setting '" + name + "'");
    }
}

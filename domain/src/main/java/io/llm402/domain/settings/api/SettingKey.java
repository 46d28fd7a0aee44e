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
    CONCURRENT_REQUESTS_PER_USER,
    /** Further channels tried after a channel's fault (new-api's {@code RetryTimes}); unset: the node's setting. */
    RETRY_TIMES,
    /** Upstream statuses that are the channel's fault and so tried elsewhere, such as {@code 401-404,429,500-599}. */
    RETRY_STATUS_CODES,
    /** {@code true} or {@code false}: upstream errors that say a key is dead disable it (new-api's default off). */
    AUTOMATIC_DISABLE_CHANNEL_ENABLED,
    /** {@code true} or {@code false}: a passing channel test enables what the gateway disabled. */
    AUTOMATIC_ENABLE_CHANNEL_ENABLED,
    /** Upstream statuses that disable a key, such as {@code 401}. */
    AUTOMATIC_DISABLE_STATUS_CODES,
    /** Phrases, one per line, that disable a key when an upstream error message contains one. */
    AUTOMATIC_DISABLE_KEYWORDS,
    /** {@code true} or {@code false}: every channel is tested on a schedule. */
    CHANNEL_TEST_ENABLED,
    /** Minutes between scheduled tests of every channel (a decimal, more than 0). */
    CHANNEL_TEST_INTERVAL_MINUTES,
    /** A test of every channel disables one slower than this many seconds (0: never), as new-api does. */
    CHANNEL_DISABLE_THRESHOLD_SECONDS,
    /** JSON {@code {"model": tokens}}: the most output one answer may ask for, over the built-in limits (0: none). */
    MODEL_MAX_OUTPUT_TOKENS,
    /** The gateway's public base URL ({@code https://llm.example.com}): OAuth callbacks are built on it, never on Host. */
    SERVER_ADDRESS,
    // External logins: each on/off, its client, its endpoints (the real hosts unless set), whether it registers users.
    GITHUB_OAUTH_ENABLED,
    GITHUB_CLIENT_ID,
    /** Sealed with {@code CRYPTO_SECRET}; never listed. */
    GITHUB_CLIENT_SECRET,
    GITHUB_AUTHORIZATION_ENDPOINT,
    GITHUB_TOKEN_ENDPOINT,
    /** GitHub's REST API base ({@code /user} and {@code /user/emails} are read from it). */
    GITHUB_API_ENDPOINT,
    GITHUB_REGISTRATION_ENABLED,
    LINUXDO_OAUTH_ENABLED,
    LINUXDO_CLIENT_ID,
    /** Sealed with {@code CRYPTO_SECRET}; never listed. */
    LINUXDO_CLIENT_SECRET,
    LINUXDO_AUTHORIZATION_ENDPOINT,
    LINUXDO_TOKEN_ENDPOINT,
    LINUXDO_USER_ENDPOINT,
    LINUXDO_REGISTRATION_ENABLED,
    /** 0-4: LINUX DO accounts below it neither register nor log in. */
    LINUXDO_MINIMUM_TRUST_LEVEL,
    /** {@code true}: inactive or silenced LINUX DO accounts are refused. */
    LINUXDO_REFUSE_INACTIVE,
    TELEGRAM_OAUTH_ENABLED,
    TELEGRAM_BOT_NAME,
    /** Sealed with {@code CRYPTO_SECRET}; never listed. */
    TELEGRAM_BOT_TOKEN,
    OIDC_ENABLED,
    OIDC_CLIENT_ID,
    /** Sealed with {@code CRYPTO_SECRET}; never listed. */
    OIDC_CLIENT_SECRET,
    /** The provider's discovery document ({@code …/.well-known/openid-configuration}) or its issuer. */
    OIDC_WELL_KNOWN,
    OIDC_REGISTRATION_ENABLED,
    /** {@code true}: a new OIDC identity whose verified email an existing user has is bound to that user. */
    OIDC_MERGE_VERIFIED_EMAIL;

    /** Settings whose value is a secret: sealed before it is stored, never shown. */
    public boolean secret() {
        return this == GITHUB_CLIENT_SECRET || this == LINUXDO_CLIENT_SECRET || this == TELEGRAM_BOT_TOKEN
                || this == OIDC_CLIENT_SECRET;
    }

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

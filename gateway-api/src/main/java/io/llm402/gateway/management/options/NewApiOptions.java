package io.llm402.gateway.management.options;

import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.Ratio;
import io.llm402.gateway.catalog.OutputLimits;
import io.llm402.gateway.channels.ChannelOperationSettings;
import io.llm402.gateway.limits.ConcurrencyLimits;
import io.llm402.gateway.management.auth.ExternalLoginSettings;
import io.llm402.gateway.limits.ModelRequestRateLimits;
import java.util.Map;

/**
 * new-api's option names for the global settings LLM402 has, and their values checked and written the way LLM402
 * keeps them. Shared by {@code /api/option/} and the import from a new-api database.
 */
public final class NewApiOptions {

    public static final Map<String, SettingKey> SETTINGS = withExternalLogins(Map.ofEntries(
            Map.entry("PromptCacheRatio", SettingKey.PROMPT_CACHE_RATIO),
            Map.entry("RegisterEnabled", SettingKey.REGISTER_ENABLED),
            Map.entry("PasswordLoginEnabled", SettingKey.PASSWORD_LOGIN_ENABLED),
            Map.entry("ModelRequestRateLimitEnabled", SettingKey.MODEL_REQUEST_RATE_LIMIT_ENABLED),
            Map.entry("ModelRequestRateLimitDurationMinutes", SettingKey.MODEL_REQUEST_RATE_LIMIT_DURATION_MINUTES),
            Map.entry("ModelRequestRateLimitCount", SettingKey.MODEL_REQUEST_RATE_LIMIT_COUNT),
            Map.entry("ModelRequestRateLimitSuccessCount", SettingKey.MODEL_REQUEST_RATE_LIMIT_SUCCESS_COUNT),
            Map.entry("ModelRequestRateLimitGroup", SettingKey.MODEL_REQUEST_RATE_LIMIT_GROUP),
            Map.entry("ApiKeyConcurrencyLimit", SettingKey.CONCURRENT_REQUESTS_PER_KEY),
            Map.entry("UserConcurrencyLimit", SettingKey.CONCURRENT_REQUESTS_PER_USER),
            Map.entry("RetryTimes", SettingKey.RETRY_TIMES),
            Map.entry("AutomaticRetryStatusCodes", SettingKey.RETRY_STATUS_CODES),
            Map.entry("AutomaticDisableChannelEnabled", SettingKey.AUTOMATIC_DISABLE_CHANNEL_ENABLED),
            Map.entry("AutomaticEnableChannelEnabled", SettingKey.AUTOMATIC_ENABLE_CHANNEL_ENABLED),
            Map.entry("AutomaticDisableStatusCodes", SettingKey.AUTOMATIC_DISABLE_STATUS_CODES),
            Map.entry("AutomaticDisableKeywords", SettingKey.AUTOMATIC_DISABLE_KEYWORDS),
            Map.entry("monitor_setting.auto_test_channel_enabled", SettingKey.CHANNEL_TEST_ENABLED),
            Map.entry("monitor_setting.auto_test_channel_minutes", SettingKey.CHANNEL_TEST_INTERVAL_MINUTES),
            Map.entry("ChannelDisableThreshold", SettingKey.CHANNEL_DISABLE_THRESHOLD_SECONDS),
            Map.entry("ModelMaxOutputTokens", SettingKey.MODEL_MAX_OUTPUT_TOKENS)));

    private static Map<String, SettingKey> withExternalLogins(Map<String, SettingKey> settings) {
        Map<String, SettingKey> all = new java.util.HashMap<>(settings);
        all.putAll(ExternalLoginSettings.OPTIONS);
        return Map.copyOf(all);
    }

    private NewApiOptions() {
    }

    /** The value as LLM402 keeps it; {@link IllegalArgumentException} says what is wrong with it. */
    public static String normalize(String name, SettingKey key, String value) {
        String trimmed = value.trim();
        if (ModelRequestRateLimits.isRateLimitSetting(key) || ConcurrencyLimits.isConcurrencySetting(key)) {
            return ModelRequestRateLimits.isRateLimitSetting(key) ? ModelRequestRateLimits.normalize(key, trimmed)
                    : ConcurrencyLimits.normalize(key, trimmed);
        }
        if (ChannelOperationSettings.isChannelSetting(key)) {
            try {
                return ChannelOperationSettings.normalize(key, trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
        if (ExternalLoginSettings.isExternalLoginSetting(key)) {
            return ExternalLoginSettings.normalize(name, key, value);
        }
        if (key == SettingKey.MODEL_MAX_OUTPUT_TOKENS) {
            try {
                return OutputLimits.normalize(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
        if (key == SettingKey.PROMPT_CACHE_RATIO) {
            try {
                return Ratio.of(trimmed).toBigDecimal().toPlainString();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be a ratio ≥ 0 with at most 6 decimal places");
            }
        }
        if (!trimmed.equals("true") && !trimmed.equals("false")) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return trimmed;
    }
}

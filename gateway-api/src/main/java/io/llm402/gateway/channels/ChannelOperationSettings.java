package io.llm402.gateway.channels;

import io.llm402.domain.settings.api.SettingKey;
import io.llm402.gateway.routing.DisableRules;
import io.llm402.gateway.routing.RetryRules;
import io.llm402.gateway.routing.StatusCodes;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The global settings of channel operations: their defaults, and how a written value is checked. */
public final class ChannelOperationSettings {

    public static final Map<SettingKey, String> DEFAULTS = Map.of(
            SettingKey.RETRY_STATUS_CODES, RetryRules.DEFAULT_STATUS_CODES,
            SettingKey.AUTOMATIC_DISABLE_CHANNEL_ENABLED, "false",
            SettingKey.AUTOMATIC_ENABLE_CHANNEL_ENABLED, "false",
            SettingKey.AUTOMATIC_DISABLE_STATUS_CODES, DisableRules.DEFAULT_STATUS_CODES,
            SettingKey.AUTOMATIC_DISABLE_KEYWORDS, String.join("\n", DisableRules.DEFAULT_KEYWORDS),
            SettingKey.CHANNEL_TEST_ENABLED, "false",
            SettingKey.CHANNEL_TEST_INTERVAL_MINUTES, "10",
            SettingKey.CHANNEL_DISABLE_THRESHOLD_SECONDS, "5");

    private static final Set<SettingKey> KEYS = Set.of(SettingKey.RETRY_TIMES, SettingKey.RETRY_STATUS_CODES,
            SettingKey.AUTOMATIC_DISABLE_CHANNEL_ENABLED, SettingKey.AUTOMATIC_ENABLE_CHANNEL_ENABLED,
            SettingKey.AUTOMATIC_DISABLE_STATUS_CODES, SettingKey.AUTOMATIC_DISABLE_KEYWORDS,
            SettingKey.CHANNEL_TEST_ENABLED, SettingKey.CHANNEL_TEST_INTERVAL_MINUTES,
            SettingKey.CHANNEL_DISABLE_THRESHOLD_SECONDS);

    private ChannelOperationSettings() {
    }

    public static boolean isChannelSetting(SettingKey key) {
        return KEYS.contains(key);
    }

    /** The value as stored; throws {@link IllegalArgumentException} saying what is wrong. */
    public static String normalize(SettingKey key, String value) {
        String trimmed = value.trim();
        return switch (key) {
            case RETRY_TIMES -> {
                int retries = integer(trimmed);
                if (retries < 0 || retries > 10) {
                    throw new IllegalArgumentException("retries must be 0 to 10");
                }
                yield Integer.toString(retries);
            }
            case RETRY_STATUS_CODES, AUTOMATIC_DISABLE_STATUS_CODES -> StatusCodes.parse(trimmed).toString();
            case AUTOMATIC_DISABLE_KEYWORDS -> {
                if (trimmed.length() > 10_000) {
                    throw new IllegalArgumentException("keywords are at most 10,000 characters");
                }
                yield String.join("\n", trimmed.lines().map(String::trim).filter(k -> !k.isEmpty()).toList());
            }
            case CHANNEL_TEST_INTERVAL_MINUTES -> {
                BigDecimal minutes = decimal(trimmed);
                if (minutes.signum() <= 0 || minutes.compareTo(BigDecimal.valueOf(1440)) > 0) {
                    throw new IllegalArgumentException("the test interval is more than 0 and at most 1440 minutes");
                }
                yield minutes.stripTrailingZeros().toPlainString();
            }
            case CHANNEL_DISABLE_THRESHOLD_SECONDS -> {
                BigDecimal seconds = decimal(trimmed);
                if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(3600)) > 0) {
                    throw new IllegalArgumentException("the threshold is 0 to 3600 seconds");
                }
                yield seconds.stripTrailingZeros().toPlainString();
            }
            default -> {
                if (!trimmed.equals("true") && !trimmed.equals("false")) {
                    throw new IllegalArgumentException("must be true or false");
                }
                yield trimmed;
            }
        };
    }

    /** The scheduled test interval from the settings (wire names). */
    public static Duration testInterval(Map<String, String> settings) {
        BigDecimal minutes = new BigDecimal(settings.getOrDefault(SettingKey.CHANNEL_TEST_INTERVAL_MINUTES.wireName(),
                DEFAULTS.get(SettingKey.CHANNEL_TEST_INTERVAL_MINUTES)));
        return Duration.ofMillis(minutes.multiply(BigDecimal.valueOf(60_000)).longValue());
    }

    /** The slowness that fails a test of every channel; {@link Duration#ZERO} when it is off. */
    public static Duration disableThreshold(Map<String, String> settings) {
        BigDecimal seconds = new BigDecimal(settings.getOrDefault(
                SettingKey.CHANNEL_DISABLE_THRESHOLD_SECONDS.wireName(),
                DEFAULTS.get(SettingKey.CHANNEL_DISABLE_THRESHOLD_SECONDS)));
        return Duration.ofMillis(seconds.multiply(BigDecimal.valueOf(1000)).longValue());
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    private static BigDecimal decimal(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
    }
}

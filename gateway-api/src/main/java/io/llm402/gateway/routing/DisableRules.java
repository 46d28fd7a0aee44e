package io.llm402.gateway.routing;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.gateway.upstream.UpstreamError;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * new-api's automatic-disable rules (new-api-behaviour §4.4): which upstream errors mean a channel's key is dead
 * rather than the request bad or the upstream busy. A key is disabled only when the global switch is on, the channel
 * allows it, and the error matches a status (401 by default; 403 on Gemini, where a revoked key answers 403), an
 * OpenAI error code, an error type, or a keyword of the message. new-api's bug of testing the Gemini rule against the
 * channel's id is not copied.
 */
public final class DisableRules {

    public static final String ENABLED = "automatic_disable_channel_enabled";
    public static final String STATUS_CODES = "automatic_disable_status_codes";
    public static final String KEYWORDS = "automatic_disable_keywords";

    public static final String DEFAULT_STATUS_CODES = "401";
    public static final List<String> DEFAULT_KEYWORDS = List.of("Your credit balance is too low",
            "This organization has been disabled.", "You exceeded your current quota", "Permission denied",
            "The security token included in the request is invalid", "Operation not allowed",
            "Your account is not authorized");
    private static final Set<String> CODES = Set.of("invalid_api_key", "account_deactivated", "billing_not_active",
            "pre_consume_token_quota_failed", "arrearage");
    private static final Set<String> TYPES = Set.of("insufficient_quota", "insufficient_user_quota",
            "authentication_error", "permission_error", "forbidden");

    private final boolean enabled;
    private final StatusCodes statuses;
    private final List<String> keywords;

    public DisableRules(boolean enabled, StatusCodes statuses, List<String> keywords) {
        this.enabled = enabled;
        this.statuses = statuses;
        this.keywords = keywords.stream().map(String::trim).filter(k -> !k.isEmpty())
                .map(k -> k.toLowerCase(Locale.ROOT)).toList();
    }

    /** From the global settings (wire names); what was never set takes new-api's default. */
    public static DisableRules from(Map<String, String> settings) {
        String keywords = settings.get(KEYWORDS);
        return new DisableRules(Boolean.parseBoolean(settings.getOrDefault(ENABLED, "false")),
                StatusCodes.parse(settings.getOrDefault(STATUS_CODES, DEFAULT_STATUS_CODES)),
                keywords == null ? DEFAULT_KEYWORDS : Arrays.asList(keywords.split("\n")));
    }

    public boolean enabled() {
        return enabled;
    }

    /** Why this error disables the key, or {@code null} when it does not (or automatic disabling is off). */
    public @Nullable String reason(ChannelType channelType, boolean channelAllows, UpstreamError error) {
        if (!enabled || !channelAllows || !matches(channelType, error)) {
            return null;
        }
        return error.summary();
    }

    boolean matches(ChannelType channelType, UpstreamError error) {
        if (statuses.contains(error.status()) || channelType == ChannelType.GEMINI && error.status() == 403) {
            return true;
        }
        if (error.code() != null && CODES.contains(error.code().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (error.type() != null && TYPES.contains(error.type().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (error.message() != null) {
            String message = error.message().toLowerCase(Locale.ROOT);
            for (String keyword : keywords) {
                if (message.contains(keyword)) {
                    return true;
                }
            }
        }
        return false;
    }
}

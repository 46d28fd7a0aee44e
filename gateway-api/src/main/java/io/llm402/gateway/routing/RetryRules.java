package io.llm402.gateway.routing;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * When a failed attempt moves on to the next channel (new-api's {@code RetryTimes} and
 * {@code AutomaticRetryStatusCodes}): an upstream status in {@code statuses} is the channel's fault, tried elsewhere
 * and never shown to the client; any other error status is the request's, passed on (cleaned) at once. Connection
 * failures and timeouts are always the channel's.
 *
 * @param retries further channels after the first, {@code null} for the node's {@code llm402.relay.retries}
 */
public record RetryRules(@Nullable Integer retries, StatusCodes statuses) {

    public static final String RETRY_TIMES = "retry_times";
    public static final String STATUS_CODES = "retry_status_codes";
    /** LLM402's defaults: a refused key or account, an unknown mapped model, a timeout, rate limits, server errors. */
    public static final String DEFAULT_STATUS_CODES = "401-404,408,429,500-599";
    public static final RetryRules DEFAULTS = new RetryRules(null, StatusCodes.parse(DEFAULT_STATUS_CODES));

    public static RetryRules from(Map<String, String> settings) {
        String retries = settings.get(RETRY_TIMES);
        return new RetryRules(retries == null ? null : Integer.valueOf(retries.trim()),
                StatusCodes.parse(settings.getOrDefault(STATUS_CODES, DEFAULT_STATUS_CODES)));
    }

    public boolean channelFault(int status) {
        return statuses.contains(status);
    }

    public int retriesOr(int byDefault) {
        return retries == null ? byDefault : retries;
    }
}

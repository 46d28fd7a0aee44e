package io.llm402.gateway.management.logs;

import io.llm402.gateway.management.ManagementException;
import jakarta.servlet.http.HttpServletRequest;
import io.llm402.projections.requests.api.RequestLogFilter;
import org.jspecify.annotations.Nullable;

/** new-api's log and dashboard filters: Unix-second time bounds and names, read and checked. */
record LogFilters(long fromEpochMs, long toEpochMs, @Nullable String username, @Nullable String tokenName,
                  @Nullable String model, @Nullable Long channel, @Nullable String group, @Nullable String keyword) {

    static LogFilters of(HttpServletRequest request, long defaultSpanSeconds) {
        long now = System.currentTimeMillis() / 1000;
        long end = seconds(request, "end_timestamp", now + 1);
        long start = seconds(request, "start_timestamp", end - defaultSpanSeconds);
        if (start > end) {
            throw ManagementException.badRequest("start_timestamp must not be after end_timestamp");
        }
        String channel = text(request, "channel");
        Long channelNumber = null;
        if (channel != null) {
            try {
                channelNumber = Long.parseLong(channel);
            } catch (NumberFormatException e) {
                throw ManagementException.badRequest("channel must be a channel id");
            }
        }
        return new LogFilters(start * 1000, end * 1000, text(request, "username"), text(request, "token_name"),
                text(request, "model_name"), channelNumber, text(request, "group"), text(request, "keyword"));
    }

    /** The projection's filter: everything for an admin; for a user, their own requests and no channel filter. */
    RequestLogFilter forCaller(@Nullable String ownUserId) {
        boolean admin = ownUserId == null;
        return new RequestLogFilter(ownUserId, admin ? username : null, tokenName, model, admin ? channel : null, group,
                keyword, fromEpochMs, toEpochMs);
    }

    long spanSeconds() {
        return (toEpochMs - fromEpochMs) / 1000;
    }

    private static long seconds(HttpServletRequest request, String name, long fallback) {
        String value = text(request, name);
        if (value == null || value.equals("0")) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0 || seconds > 253_402_300_799L) {
                throw ManagementException.badRequest(name + " must be a Unix time in seconds");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw ManagementException.badRequest(name + " must be a Unix time in seconds");
        }
    }

    private static @Nullable String text(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package io.llm402.console.pages;

import io.llm402.console.support.Viewer;
import io.llm402.projections.requests.api.RequestLogFilter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The log page's filter as its URL carries it: a range (required: the log is only ever read inside a time window),
 * model, key name, phase, and for an admin a username and a channel number. A user's filter is always their own.
 */
record LogFilters(String range, @Nullable String model, @Nullable String key, @Nullable String phase,
                  @Nullable String user, @Nullable Long channel) {

    static final Set<String> PHASES = Set.of("reserved", "posted", "voided", "expired");

    /** The query parameters as sent; anything a viewer may not filter by, or cannot mean, is left out. */
    record Parameters(@Nullable String range, @Nullable String model, @Nullable String key, @Nullable String phase,
                      @Nullable String user, @Nullable String channel) {
    }

    static LogFilters of(Parameters sent, Viewer viewer) {
        String range = sent.range();
        String channel = sent.channel();
        return new LogFilters(range == null || range.isBlank() ? "24h" : range, blankToNull(sent.model()),
                blankToNull(sent.key()), sent.phase() != null && PHASES.contains(sent.phase()) ? sent.phase() : null,
                viewer.admin() ? blankToNull(sent.user()) : null,
                viewer.admin() && channel != null && channel.matches("\\d{1,18}") ? Long.valueOf(channel) : null);
    }

    RequestLogFilter toQuery(Viewer viewer, Instant now) {
        UsageRange window = UsageRange.of(range, now);
        return new RequestLogFilter(viewer.admin() ? null : viewer.userId(), user, key, model, channel, null, null,
                window.fromEpochMs(), window.toEpochMs());
    }

    /** The filter as query parameters, for paging links and the export. */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("range", range);
        put(parameters, "model", model);
        put(parameters, "key", key);
        put(parameters, "phase", phase);
        put(parameters, "user", user);
        put(parameters, "channel", channel == null ? null : channel.toString());
        return parameters;
    }

    public String query() {
        UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
        parameters().forEach(builder::queryParam);
        return builder.encode().build().getQuery();
    }

    private static void put(Map<String, String> parameters, String name, @Nullable String value) {
        if (value != null) {
            parameters.put(name, value);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

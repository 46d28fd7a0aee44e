package io.llm402.projections.requests;

import io.llm402.projections.requests.api.SummarizeUsageQuery;
import io.llm402.projections.requests.api.UsageDimension;
import io.llm402.projections.requests.api.UsageSummary;
import io.llm402.projections.requests.api.UsageTotals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sums the usage rollups for the console's dashboard: grouped and ordered by the database, so that a page reads a
 * few dozen rows whatever the size of the request log.
 */
@Component
public class UsageSummaries {

    private static final String SUMS = "COALESCE(SUM(requests), 0), COALESCE(SUM(input_tokens), 0), "
            + "COALESCE(SUM(cached_tokens), 0), COALESCE(SUM(cache_write_tokens), 0), "
            + "COALESCE(SUM(output_tokens), 0), COALESCE(SUM(amount_nano_usd), 0)";

    private final JdbcClient jdbc;

    public UsageSummaries(JdbcOperations operations) {
        this.jdbc = JdbcClient.create(operations);
    }

    @QueryHandler
    public UsageSummary handle(SummarizeUsageQuery query) {
        String column = column(query.by());
        StringBuilder where = new StringBuilder(" FROM usage_rollups WHERE granularity = ? AND bucket_start_ms >= ?"
                + " AND bucket_start_ms < ?");
        List<Object> params = new ArrayList<>(List.of(query.granularity(), query.fromEpochMs(), query.toEpochMs()));
        if (query.userId() != null) {
            where.append(" AND user_id = ?");
            params.add(query.userId());
        }
        UsageTotals totals = jdbc.sql("SELECT " + SUMS + where).params(params)
                .query((rs, row) -> totals(rs, 1)).single();

        List<Object> rankParams = new ArrayList<>(params);
        rankParams.add(query.top());
        Map<String, UsageTotals> top = new LinkedHashMap<>();
        jdbc.sql("SELECT " + column + ", " + SUMS + where + " GROUP BY " + column + " ORDER BY "
                        + "SUM(amount_nano_usd) DESC, SUM(requests) DESC, " + column + " LIMIT ?")
                .params(rankParams)
                .query((ResultSet rs) -> {
                    top.put(rs.getString(1), totals(rs, 2));
                });
        Map<String, String> labels = labels(query.by(), top.keySet());
        List<UsageSummary.Share> ranking = new ArrayList<>();
        UsageTotals ranked = UsageTotals.NONE;
        for (Map.Entry<String, UsageTotals> entry : top.entrySet()) {
            ranking.add(new UsageSummary.Share(entry.getKey(), labels.getOrDefault(entry.getKey(), entry.getKey()),
                    entry.getValue()));
            ranked = ranked.plus(entry.getValue());
        }
        UsageTotals rest = totals.minus(ranked);
        if (rest.requests() > 0 || rest.amountNanoUsd() > 0) {
            ranking.add(new UsageSummary.Share(UsageSummary.OTHER, UsageSummary.OTHER, rest));
        }

        if (!query.perBucket()) {
            return new UsageSummary(totals, ranking, List.of());
        }
        // Per bucket and key; keys outside the top are folded into one "other" point per bucket.
        Map<Long, Map<String, UsageTotals>> buckets = new LinkedHashMap<>();
        jdbc.sql("SELECT bucket_start_ms, " + column + ", " + SUMS + where + " GROUP BY bucket_start_ms, " + column
                        + " ORDER BY bucket_start_ms")
                .params(params)
                .query((ResultSet rs) -> {
                    String key = rs.getString(2);
                    buckets.computeIfAbsent(rs.getLong(1), b -> new LinkedHashMap<>())
                            .merge(top.containsKey(key) ? key : UsageSummary.OTHER, totals(rs, 3), UsageTotals::plus);
                });
        List<UsageSummary.Point> series = new ArrayList<>();
        buckets.forEach((bucket, keys) -> keys.forEach((key, sums) ->
                series.add(new UsageSummary.Point(bucket, key, sums))));
        return new UsageSummary(totals, ranking, series);
    }

    private Map<String, String> labels(UsageDimension by, Set<String> keys) {
        if (keys.isEmpty() || by == UsageDimension.MODEL) {
            return Collections.emptyMap();
        }
        String sql = switch (by) {
            case TOKEN -> "SELECT token_id, name FROM api_tokens WHERE token_id IN ";
            case USER -> "SELECT user_id, username FROM users WHERE user_id IN ";
            case CHANNEL -> "SELECT channel_id, name FROM channels WHERE channel_id IN ";
            case MODEL -> throw new IllegalStateException();
        };
        Map<String, String> labels = new HashMap<>();
        jdbc.sql(sql + "(" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")")
                .params(new ArrayList<>(keys))
                .query((ResultSet rs) -> {
                    labels.put(rs.getString(1), rs.getString(2));
                });
        return labels;
    }

    private static String column(UsageDimension by) {
        return switch (by) {
            case MODEL -> "model";
            case TOKEN -> "token_id";
            case USER -> "user_id";
            case CHANNEL -> "channel_id";
        };
    }

    private static UsageTotals totals(ResultSet rs, int first) throws SQLException {
        return new UsageTotals(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getLong(first + 4), rs.getLong(first + 5));
    }
}

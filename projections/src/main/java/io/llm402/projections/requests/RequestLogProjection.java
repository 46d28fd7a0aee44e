package io.llm402.projections.requests;

import io.llm402.domain.ledger.api.UsageExpiredEvent;
import io.llm402.domain.ledger.api.UsagePostedEvent;
import io.llm402.domain.ledger.api.UsageReservedEvent;
import io.llm402.domain.ledger.api.UsageVoidedEvent;
import io.llm402.projections.api.ReadModelChangedEvent;
import io.llm402.projections.requests.api.FindReceiptQuery;
import io.llm402.projections.requests.api.FindTokenSpendingQuery;
import io.llm402.projections.requests.api.FindUserSpendingQuery;
import io.llm402.projections.requests.api.ListReceiptsQuery;
import io.llm402.projections.requests.api.ListUsageRollupsQuery;
import io.llm402.projections.requests.api.ModelUsageView;
import io.llm402.projections.requests.api.PageRequestLogQuery;
import io.llm402.projections.requests.api.ReceiptView;
import io.llm402.projections.requests.api.RequestLogEntryView;
import io.llm402.projections.requests.api.RequestLogFilter;
import io.llm402.projections.requests.api.RequestLogPage;
import io.llm402.projections.requests.api.RequestLogSum;
import io.llm402.projections.requests.api.SearchRequestLogQuery;
import io.llm402.projections.requests.api.SumRequestLogQuery;
import io.llm402.projections.requests.api.TokenSpendingView;
import io.llm402.projections.requests.api.UsageByModelQuery;
import io.llm402.projections.requests.api.UsageRollupView;
import io.llm402.projections.requests.api.UserSpendingView;
import io.llm402.projections.support.BatchWrites;
import io.llm402.projections.support.ChangeSignal;
import io.llm402.projections.support.Keywords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The request log: one row per request id, moving from reserved to posted, voided or expired; each token's total
 * spending; and usage rollups per minute, hour and day × model × user × token × channel. A phase only moves forward
 * from {@code reserved}, so a redelivered event changes nothing and a charge is counted into a token's total exactly
 * once. The writes of a processor batch are gathered and run together ({@link RequestLogBatch}).
 */
@Component
@ProcessingGroup(RequestLogProjection.PROCESSING_GROUP)
public class RequestLogProjection {

    public static final String PROCESSING_GROUP = ReadModelChangedEvent.RECEIPTS_PROCESSING_GROUP;

    /** The log's rows with the names of whose key and which channel; a {@link LogFilter} follows. */
    private static final String LOG_ENTRIES = """
            SELECT r.*, u.user_number, u.username, t.token_number, t.name AS token_name,
                   t.token_group, c.channel_number, c.name AS channel_name
            FROM request_log r
            LEFT JOIN users u ON u.user_id = r.user_id
            LEFT JOIN api_tokens t ON t.token_id = r.token_id
            LEFT JOIN channels c ON c.channel_id = r.channel_id
            """;

    private final JdbcOperations operations;
    private final JdbcClient jdbc;
    private final ChangeSignal signal;

    public RequestLogProjection(JdbcOperations operations, ApplicationEventPublisher events) {
        this.operations = operations;
        this.jdbc = JdbcClient.create(operations);
        this.signal = new ChangeSignal(events);
    }

    /** A replay (reset of this processing group) rebuilds the tables from the first event. */
    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM request_log").update();
        jdbc.sql("DELETE FROM token_spending").update();
        jdbc.sql("DELETE FROM user_spending").update();
        jdbc.sql("DELETE FROM usage_rollups").update();
    }

    @EventHandler
    void on(UsageReservedEvent event) {
        write(event);
    }

    @EventHandler
    void on(UsagePostedEvent event, @Timestamp Instant postedAt) {
        write(new RequestLogBatch.Posted(event, postedAt));
    }

    /** Rows are written per processor batch (see {@link BatchWrites}), in event order. */
    private void write(Object event) {
        BatchWrites.add(RequestLogBatch.KEY, () -> new RequestLogBatch(operations), event);
        signal.changed(ReadModelChangedEvent.RECEIPTS);
    }

    @QueryHandler
    public java.util.List<UsageRollupView> handle(ListUsageRollupsQuery query) {
        return jdbc.sql("""
                SELECT * FROM usage_rollups WHERE granularity = ? AND bucket_start_ms >= ? AND bucket_start_ms < ?
                ORDER BY bucket_start_ms, model, user_id, token_id, channel_id""")
                .params(query.granularity(), query.fromEpochMs(), query.toEpochMs())
                .query((rs, row) -> new UsageRollupView(rs.getString("granularity"), rs.getLong("bucket_start_ms"),
                        rs.getString("model"), rs.getString("user_id"), rs.getString("token_id"),
                        rs.getString("channel_id"), rs.getLong("requests"), rs.getLong("input_tokens"),
                        rs.getLong("cached_tokens"), rs.getLong("cache_write_tokens"), rs.getLong("output_tokens"),
                        rs.getLong("amount_nano_usd")))
                .list();
    }

    @EventHandler
    void on(UsageVoidedEvent event) {
        resolveWithoutCharge(event.requestId(), "voided", event.reason());
    }

    @EventHandler
    void on(UsageExpiredEvent event) {
        resolveWithoutCharge(event.requestId(), "expired", event.reason());
    }

    @QueryHandler
    public Optional<ReceiptView> handle(FindReceiptQuery query) {
        return jdbc.sql("SELECT * FROM request_log WHERE request_id = ?").param(query.requestId())
                .query(RequestLogProjection::receipt).optional();
    }

    @QueryHandler
    public java.util.List<ReceiptView> handle(ListReceiptsQuery query) {
        if (query.afterRequestId() == null) {
            return jdbc.sql("""
                    SELECT * FROM request_log WHERE token_id = ? AND reserved_at_ms >= ?
                    ORDER BY reserved_at_ms, request_id LIMIT ?""")
                    .params(query.tokenId(), query.sinceEpochMs(), query.limit())
                    .query(RequestLogProjection::receipt).list();
        }
        return jdbc.sql("""
                SELECT * FROM request_log WHERE token_id = ? AND reserved_at_ms >= ?
                  AND (reserved_at_ms > ? OR (reserved_at_ms = ? AND request_id > ?))
                ORDER BY reserved_at_ms, request_id LIMIT ?""")
                .params(query.tokenId(), query.sinceEpochMs(), query.afterEpochMs(), query.afterEpochMs(),
                        query.afterRequestId(), query.limit())
                .query(RequestLogProjection::receipt).list();
    }

    @QueryHandler
    public RequestLogPage handle(SearchRequestLogQuery query) {
        LogFilter filter = LogFilter.of(query.filter());
        List<Object> params = new ArrayList<>(filter.params());
        params.addAll(List.of(query.limit(), query.offset()));
        List<RequestLogEntryView> items = jdbc.sql(LOG_ENTRIES + filter.where() + " ORDER BY r.reserved_at_ms DESC, r.request_id DESC LIMIT ? OFFSET ?")
                .params(params).query(RequestLogProjection::logEntry).list();
        List<Object> countParams = new ArrayList<>(filter.params());
        countParams.add(SearchRequestLogQuery.COUNT_CAP + 1);
        long total = jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 AS one FROM request_log r" + filter.where()
                + " LIMIT ?) capped").params(countParams).query(Long.class).single();
        boolean capped = total > SearchRequestLogQuery.COUNT_CAP;
        return new RequestLogPage(items, Math.min(total, SearchRequestLogQuery.COUNT_CAP), capped);
    }

    @QueryHandler
    public List<RequestLogEntryView> handle(PageRequestLogQuery query) {
        LogFilter filter = LogFilter.of(query.filter());
        StringBuilder where = new StringBuilder(filter.where());
        List<Object> params = new ArrayList<>(filter.params());
        if (query.phase() != null) {
            where.append(" AND r.phase = ?");
            params.add(query.phase());
        }
        if (query.beforeEpochMs() != null) {
            where.append(" AND (r.reserved_at_ms < ? OR (r.reserved_at_ms = ? AND r.request_id < ?))");
            params.addAll(List.of(query.beforeEpochMs(), query.beforeEpochMs(), query.beforeRequestId()));
        }
        params.add(query.limit());
        return jdbc.sql(LOG_ENTRIES + where + " ORDER BY r.reserved_at_ms DESC, r.request_id DESC LIMIT ?")
                .params(params).query(RequestLogProjection::logEntry).list();
    }

    @QueryHandler
    public RequestLogSum handle(SumRequestLogQuery query) {
        LogFilter filter = LogFilter.of(query.filter());
        long amount = jdbc.sql("SELECT COALESCE(SUM(r.amount_nano_usd), 0) FROM request_log r" + filter.where()
                + " AND r.phase = 'posted'").params(filter.params()).query(Long.class).single();
        LogFilter lastMinute = LogFilter.of(query.filter().withTime(query.nowEpochMs() - 60_000,
                query.nowEpochMs() + 1));
        return jdbc.sql("""
                SELECT COUNT(*), COALESCE(SUM(COALESCE(r.input_tokens, 0) + COALESCE(r.cached_tokens, 0)
                       + COALESCE(r.cache_write_tokens, 0) + COALESCE(r.output_tokens, 0)), 0)
                FROM request_log r""" + lastMinute.where())
                .params(lastMinute.params())
                .query((rs, row) -> new RequestLogSum(amount, rs.getLong(1), rs.getLong(2))).single();
    }

    @QueryHandler
    public List<ModelUsageView> handle(UsageByModelQuery query) {
        List<Object> params = new ArrayList<>(List.of(query.fromEpochMs(), query.toEpochMs()));
        String user = "";
        if (query.userId() != null) {
            user = " AND user_id = ?";
            params.add(query.userId());
        }
        return jdbc.sql("""
                SELECT bucket_start_ms, model, SUM(requests), SUM(input_tokens + cached_tokens + cache_write_tokens
                       + output_tokens), SUM(amount_nano_usd)
                FROM usage_rollups WHERE granularity = 'hour' AND bucket_start_ms >= ? AND bucket_start_ms < ?"""
                + user + " GROUP BY bucket_start_ms, model ORDER BY bucket_start_ms, model").params(params)
                .query((rs, row) -> new ModelUsageView(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5))).list();
    }

    /** The WHERE clause shared by the log's list and sums; names are matched through the access and catalog tables. */
    private record LogFilter(String where, List<Object> params) {

        static LogFilter of(RequestLogFilter filter) {
            StringBuilder where = new StringBuilder(" WHERE r.reserved_at_ms >= ? AND r.reserved_at_ms < ?");
            List<Object> params = new ArrayList<>(List.of(filter.fromEpochMs(), filter.toEpochMs()));
            if (filter.userId() != null) {
                where.append(" AND r.user_id = ?");
                params.add(filter.userId());
            }
            if (filter.username() != null) {
                where.append(" AND r.user_id IN (SELECT user_id FROM users WHERE username = ?)");
                params.add(filter.username());
            }
            if (filter.tokenName() != null) {
                where.append(" AND r.token_id IN (SELECT token_id FROM api_tokens WHERE name = ?)");
                params.add(filter.tokenName());
            }
            if (filter.model() != null) {
                where.append(" AND r.model = ?");
                params.add(filter.model());
            }
            if (filter.channelNumber() != null) {
                where.append(" AND r.channel_id IN (SELECT channel_id FROM channels WHERE channel_number = ?)");
                params.add(filter.channelNumber());
            }
            if (filter.group() != null) {
                // A key without a group of its own bills in its owner's.
                where.append(" AND r.token_id IN (SELECT t.token_id FROM api_tokens t LEFT JOIN users u"
                        + " ON u.user_id = t.user_id WHERE COALESCE(t.token_group, u.user_group) = ?)");
                params.add(filter.group());
            }
            if (filter.keyword() != null) {
                String like = Keywords.containing(filter.keyword());
                where.append(" AND (r.model LIKE ? ESCAPE '!' OR r.request_id = ? OR r.token_id IN"
                        + " (SELECT token_id FROM api_tokens WHERE name LIKE ? ESCAPE '!'))");
                params.addAll(List.of(like, filter.keyword(), like));
            }
            return new LogFilter(where.toString(), params);
        }
    }

    private static RequestLogEntryView logEntry(ResultSet rs, int row) throws SQLException {
        return new RequestLogEntryView(rs.getString("request_id"), rs.getString("user_id"), rs.getLong("user_number"),
                nullToEmpty(rs.getString("username")), rs.getLong("token_number"),
                nullToEmpty(rs.getString("token_name")), rs.getString("token_group"), rs.getString("model"),
                rs.getString("billed_model"), rs.getString("upstream_model"), rs.getLong("channel_number"),
                nullToEmpty(rs.getString("channel_name")), rs.getString("phase"), rs.getString("reason"),
                rs.getLong("input_tokens"), rs.getLong("cached_tokens"), rs.getLong("cache_write_tokens"),
                rs.getLong("output_tokens"), rs.getLong("reasoning_tokens"), rs.getLong("amount_nano_usd"),
                rs.getLong("reserved_at_ms"));
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    @QueryHandler
    public UserSpendingView handle(FindUserSpendingQuery query) {
        return jdbc.sql("SELECT spent_nano_usd, requests FROM user_spending WHERE user_id = ?")
                .param(query.userId())
                .query((rs, row) -> new UserSpendingView(query.userId(), rs.getLong(1), rs.getLong(2)))
                .optional().orElse(new UserSpendingView(query.userId(), 0, 0));
    }

    @QueryHandler
    public TokenSpendingView handle(FindTokenSpendingQuery query) {
        return jdbc.sql("SELECT spent_nano_usd, requests FROM token_spending WHERE token_id = ?")
                .param(query.tokenId())
                .query((rs, row) -> new TokenSpendingView(query.tokenId(), rs.getLong(1), rs.getLong(2)))
                .optional().orElse(new TokenSpendingView(query.tokenId(), 0, 0));
    }

    private void resolveWithoutCharge(String requestId, String phase, String reason) {
        write(new RequestLogBatch.Resolved(requestId, phase, reason));
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static ReceiptView receipt(ResultSet rs, int row) throws SQLException {
        int version = rs.getInt("price_version");
        Integer priceVersion = rs.wasNull() ? null : version;
        return new ReceiptView(rs.getString("request_id"), rs.getString("token_id"), rs.getString("model"),
                rs.getString("phase"), rs.getLong("reserved_nano_usd"), rs.getLong("amount_nano_usd"),
                rs.getLong("uncovered_nano_usd"), rs.getString("billed_model"), rs.getString("upstream_model"),
                rs.getString("channel_id"), nullableLong(rs, "input_tokens"), nullableLong(rs, "cached_tokens"),
                nullableLong(rs, "cache_write_tokens"), nullableLong(rs, "output_tokens"),
                nullableLong(rs, "reasoning_tokens"), rs.getString("basis"), priceVersion,
                nullableLong(rs, "group_ratio_millionths"), nullableLong(rs, "cache_ratio_millionths"),
                nullableLong(rs, "cache_write_ratio_millionths"), rs.getString("reason"),
                rs.getLong("reserved_at_ms"), nullableLong(rs, "cache_write_1h_tokens"),
                nullableLong(rs, "search_units"), nullableLong(rs, "cache_write_1h_ratio_millionths"));
    }
}

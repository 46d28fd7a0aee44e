package io.llm402.projections.requests;

import io.llm402.domain.ledger.api.UsageExpiredEvent;
import io.llm402.domain.ledger.api.UsagePostedEvent;
import io.llm402.domain.ledger.api.UsageReservedEvent;
import io.llm402.domain.ledger.api.UsageVoidedEvent;
import io.llm402.projections.api.ReadModelChangedEvent;
import io.llm402.projections.requests.api.FindReceiptQuery;
import io.llm402.projections.requests.api.FindTokenSpendingQuery;
import io.llm402.projections.requests.api.FindUserSpendingQuery;
import io.llm402.projections.requests.api.UserSpendingView;
import io.llm402.projections.requests.api.ListReceiptsQuery;
import io.llm402.projections.requests.api.ListUsageRollupsQuery;
import io.llm402.projections.requests.api.ReceiptView;
import io.llm402.projections.requests.api.TokenSpendingView;
import io.llm402.projections.requests.api.UsageRollupView;
import io.llm402.projections.support.BatchWrites;
import io.llm402.projections.support.ChangeSignal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

package io.llm402.projections.requests;

import io.llm402.domain.ledger.api.UsageExpiredEvent;
import io.llm402.domain.ledger.api.UsagePostedEvent;
import io.llm402.domain.ledger.api.UsageReservedEvent;
import io.llm402.domain.ledger.api.UsageVoidedEvent;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.projections.requests.api.FindReceiptQuery;
import io.llm402.projections.requests.api.FindTokenSpendingQuery;
import io.llm402.projections.requests.api.ListUsageRollupsQuery;
import io.llm402.projections.requests.api.UsageRollupView;
import io.llm402.projections.requests.api.ReceiptView;
import io.llm402.projections.requests.api.TokenSpendingView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The request log: one row per request id, moving from reserved to posted, voided or expired; each token's total
 * spending; and usage rollups per minute, hour and day × model × user × token × channel. A phase only moves forward from {@code reserved}, so a redelivered event changes nothing and a
 * charge is counted into a token's total exactly once.
 */
@Component
@ProcessingGroup(RequestLogProjection.PROCESSING_GROUP)
public class RequestLogProjection {

    public static final String PROCESSING_GROUP = "request-log";

    private final JdbcClient jdbc;

    public RequestLogProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A replay (reset of this processing group) rebuilds the tables from the first event. */
    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM request_log").update();
        jdbc.sql("DELETE FROM token_spending").update();
        jdbc.sql("DELETE FROM usage_rollups").update();
    }

    @EventHandler
    void on(UsageReservedEvent event) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM request_log WHERE request_id = ?")
                .param(event.requestId()).query(Long.class).single() > 0;
        if (!known) {
            jdbc.sql("""
                    INSERT INTO request_log (request_id, allowance_id, user_id, token_id, model, phase,
                                             reserved_nano_usd, amount_nano_usd, uncovered_nano_usd, reserved_at_ms)
                    VALUES (?, ?, ?, ?, ?, 'reserved', ?, 0, 0, ?)""")
                    .params(event.requestId(), event.allowanceId(), event.userId(), event.tokenId(), event.model(),
                            event.amountNanoUsd(), event.reservedAt().toEpochMilli())
                    .update();
        }
    }

    @EventHandler
    void on(UsagePostedEvent event, @Timestamp Instant postedAt) {
        Charge charge = event.charge();
        CanonicalUsage usage = charge.usage();
        int moved = jdbc.sql("""
                UPDATE request_log SET phase = 'posted', amount_nano_usd = ?, uncovered_nano_usd = ?,
                       billed_model = ?, upstream_model = ?, channel_id = ?, input_tokens = ?, cached_tokens = ?,
                       cache_write_tokens = ?, output_tokens = ?, reasoning_tokens = ?, basis = ?, price_version = ?,
                       group_ratio_millionths = ?, cache_ratio_millionths = ?, cache_write_ratio_millionths = ?,
                       cache_write_1h_tokens = ?, search_units = ?, cache_write_1h_ratio_millionths = ?
                WHERE request_id = ? AND phase = 'reserved'""")
                .params(event.amountNanoUsd(), event.uncoveredNanoUsd(), charge.billedModel(), charge.upstreamModel(),
                        charge.channelId(), usage.inputTokens(), usage.cachedTokens(), usage.cacheWriteTokens(),
                        usage.outputTokens(), usage.reasoningTokens(), usage.basis().name().toLowerCase(),
                        charge.priceVersion(), charge.groupRatioMillionths(), charge.cacheRatioMillionths(),
                        charge.cacheWriteRatioMillionths(), usage.cacheWrite1hTokens(), usage.searchUnits(),
                        charge.cacheWrite1hRatioMillionths(), event.requestId())
                .update();
        if (moved == 1) {
            String[] owner = jdbc.sql("SELECT token_id, user_id FROM request_log WHERE request_id = ?")
                    .param(event.requestId())
                    .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).single();
            String tokenId = owner[0];
            String userId = owner[1];
            for (Granularity granularity : Granularity.values()) {
                rollUp(granularity, granularity.bucketStart(postedAt), charge, userId, tokenId, event.amountNanoUsd());
            }
            int updated = jdbc.sql("""
                    UPDATE token_spending SET spent_nano_usd = spent_nano_usd + ?, requests = requests + 1
                    WHERE token_id = ?""").params(event.amountNanoUsd(), tokenId).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO token_spending (token_id, spent_nano_usd, requests) VALUES (?, ?, 1)")
                        .params(tokenId, event.amountNanoUsd()).update();
            }
        }
    }

    /** Time buckets of the usage rollups, in UTC. */
    enum Granularity {
        MINUTE(ChronoUnit.MINUTES), HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS);

        private final ChronoUnit unit;

        Granularity(ChronoUnit unit) {
            this.unit = unit;
        }

        long bucketStart(Instant at) {
            return at.truncatedTo(unit).toEpochMilli();
        }
    }

    private void rollUp(Granularity granularity, long bucketStartMs, Charge charge, String userId, String tokenId,
                        long amountNanoUsd) {
        CanonicalUsage usage = charge.usage();
        String name = granularity.name().toLowerCase();
        int updated = jdbc.sql("""
                UPDATE usage_rollups SET requests = requests + 1, input_tokens = input_tokens + ?,
                       cached_tokens = cached_tokens + ?, cache_write_tokens = cache_write_tokens + ?,
                       output_tokens = output_tokens + ?, amount_nano_usd = amount_nano_usd + ?
                WHERE granularity = ? AND bucket_start_ms = ? AND model = ? AND user_id = ? AND token_id = ?
                      AND channel_id = ?""")
                .params(usage.inputTokens(), usage.cachedTokens(), cacheWrites(usage), usage.outputTokens(),
                        amountNanoUsd, name, bucketStartMs, charge.model(), userId, tokenId, charge.channelId())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO usage_rollups (granularity, bucket_start_ms, model, user_id, token_id, channel_id,
                                               requests, input_tokens, cached_tokens, cache_write_tokens,
                                               output_tokens, amount_nano_usd)
                    VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""")
                    .params(name, bucketStartMs, charge.model(), userId, tokenId, charge.channelId(),
                            usage.inputTokens(), usage.cachedTokens(), cacheWrites(usage), usage.outputTokens(),
                            amountNanoUsd)
                    .update();
        }
    }

    private static long cacheWrites(CanonicalUsage usage) {
        return usage.cacheWriteTokens() + usage.cacheWrite1hTokens();
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
    public TokenSpendingView handle(FindTokenSpendingQuery query) {
        return jdbc.sql("SELECT spent_nano_usd, requests FROM token_spending WHERE token_id = ?")
                .param(query.tokenId())
                .query((rs, row) -> new TokenSpendingView(query.tokenId(), rs.getLong(1), rs.getLong(2)))
                .optional().orElse(new TokenSpendingView(query.tokenId(), 0, 0));
    }

    private void resolveWithoutCharge(String requestId, String phase, String reason) {
        jdbc.sql("UPDATE request_log SET phase = ?, reason = ? WHERE request_id = ? AND phase = 'reserved'")
                .params(phase, reason.length() > 255 ? reason.substring(0, 255) : reason, requestId).update();
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

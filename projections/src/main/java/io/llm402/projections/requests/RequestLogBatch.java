package io.llm402.projections.requests;

import io.llm402.domain.ledger.api.UsagePostedEvent;
import io.llm402.domain.ledger.api.UsageReservedEvent;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.projections.support.BatchWrites;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The request log's writes for one processor batch. Each request's phase is decided in memory, in event order, from
 * the rows stored before the batch; then the new rows, the phase changes and the summed increments of each rollup and
 * token total are written. A phase only moves forward from {@code reserved}, so a redelivered event changes nothing.
 */
final class RequestLogBatch extends BatchWrites.Batch<Object> {

    static final String KEY = "request-log.batch";

    private static final String RESERVED = "reserved";

    private final JdbcOperations jdbc;

    /** A charge with the time it was posted (the rollups' bucket). */
    record Posted(UsagePostedEvent event, Instant at) {
    }

    /** A reservation released without a charge: phase {@code voided} or {@code expired}. */
    record Resolved(String requestId, String phase, String reason) {
    }

    /** What the batch knows of one request: its phase so far, and whose it is. */
    private static final class Row {
        String phase;
        final String tokenId;
        final String userId;

        Row(String phase, String tokenId, String userId) {
            this.phase = phase;
            this.tokenId = tokenId;
            this.userId = userId;
        }
    }

    private record RollupKey(String granularity, long bucketStartMs, String model, String userId, String tokenId,
                             String channelId) {
    }

    RequestLogBatch(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected void write(List<Object> pending) {
        Map<String, Row> rows = stored(pending);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> charges = new ArrayList<>();
        List<Object[]> releases = new ArrayList<>();
        Map<RollupKey, long[]> rollups = new LinkedHashMap<>();
        Map<String, long[]> spending = new LinkedHashMap<>();
        Map<String, long[]> userSpending = new LinkedHashMap<>();
        for (Object event : pending) {
            switch (event) {
                case UsageReservedEvent reserved -> {
                    if (!rows.containsKey(reserved.requestId())) {
                        rows.put(reserved.requestId(), new Row(RESERVED, reserved.tokenId(), reserved.userId()));
                        inserts.add(new Object[] {reserved.requestId(), reserved.allowanceId(), reserved.userId(),
                                reserved.tokenId(), reserved.model(), reserved.amountNanoUsd(),
                                reserved.reservedAt().toEpochMilli()});
                    }
                }
                case Posted posted -> {
                    Row row = rows.get(posted.event().requestId());
                    if (row != null && row.phase.equals(RESERVED)) {
                        row.phase = "posted";
                        charges.add(chargeRow(posted.event()));
                        count(rollups, spending, posted, row);
                        add(userSpending, row.userId, posted.event().amountNanoUsd());
                    }
                }
                case Resolved resolved -> {
                    Row row = rows.get(resolved.requestId());
                    if (row != null && row.phase.equals(RESERVED)) {
                        row.phase = resolved.phase();
                        String reason = resolved.reason();
                        releases.add(new Object[] {resolved.phase(),
                                reason.length() > 255 ? reason.substring(0, 255) : reason, resolved.requestId()});
                    }
                }
                default -> throw new IllegalArgumentException("not a request-log event: " + event);
            }
        }
        BatchWrites.batchUpdate(jdbc, """
                INSERT INTO request_log (request_id, allowance_id, user_id, token_id, model, phase,
                                         reserved_nano_usd, amount_nano_usd, uncovered_nano_usd, reserved_at_ms)
                VALUES (?, ?, ?, ?, ?, 'reserved', ?, 0, 0, ?)""", inserts);
        BatchWrites.batchUpdate(jdbc, """
                UPDATE request_log SET phase = 'posted', amount_nano_usd = ?, uncovered_nano_usd = ?,
                       billed_model = ?, upstream_model = ?, channel_id = ?, input_tokens = ?, cached_tokens = ?,
                       cache_write_tokens = ?, output_tokens = ?, reasoning_tokens = ?, basis = ?, price_version = ?,
                       group_ratio_millionths = ?, cache_ratio_millionths = ?, cache_write_ratio_millionths = ?,
                       cache_write_1h_tokens = ?, search_units = ?, cache_write_1h_ratio_millionths = ?
                WHERE request_id = ? AND phase = 'reserved'""", charges);
        BatchWrites.batchUpdate(jdbc,
                "UPDATE request_log SET phase = ?, reason = ? WHERE request_id = ? AND phase = 'reserved'", releases);
        rollups.forEach(this::rollUp);
        spending.forEach(this::spend);
        userSpending.forEach(this::userSpend);
    }

    private Map<String, Row> stored(List<Object> pending) {
        Set<String> ids = new LinkedHashSet<>();
        for (Object event : pending) {
            ids.add(switch (event) {
                case UsageReservedEvent reserved -> reserved.requestId();
                case Posted posted -> posted.event().requestId();
                case Resolved resolved -> resolved.requestId();
                default -> throw new IllegalArgumentException("not a request-log event: " + event);
            });
        }
        Map<String, Row> rows = new HashMap<>();
        for (String[] found : BatchWrites.selectIn(jdbc,
                "SELECT request_id, phase, token_id, user_id FROM request_log WHERE request_id IN (%s)", ids, 4)) {
            rows.put(found[0], new Row(found[1], found[2], found[3]));
        }
        return rows;
    }

    private static Object[] chargeRow(UsagePostedEvent event) {
        Charge charge = event.charge();
        CanonicalUsage usage = charge.usage();
        return new Object[] {event.amountNanoUsd(), event.uncoveredNanoUsd(), charge.billedModel(),
                charge.upstreamModel(), charge.channelId(), usage.inputTokens(), usage.cachedTokens(),
                usage.cacheWriteTokens(), usage.outputTokens(), usage.reasoningTokens(),
                usage.basis().name().toLowerCase(), charge.priceVersion(), charge.groupRatioMillionths(),
                charge.cacheRatioMillionths(), charge.cacheWriteRatioMillionths(), usage.cacheWrite1hTokens(),
                usage.searchUnits(), charge.cacheWrite1hRatioMillionths(), event.requestId()};
    }

    /** Time buckets of the usage rollups, in UTC. */
    private enum Granularity {
        MINUTE(ChronoUnit.MINUTES), HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS);

        private final ChronoUnit unit;

        Granularity(ChronoUnit unit) {
            this.unit = unit;
        }

        long bucketStart(Instant at) {
            return at.truncatedTo(unit).toEpochMilli();
        }
    }

    private static void count(Map<RollupKey, long[]> rollups, Map<String, long[]> spending, Posted posted, Row row) {
        Charge charge = posted.event().charge();
        CanonicalUsage usage = charge.usage();
        long amount = posted.event().amountNanoUsd();
        long[] increment = {1, usage.inputTokens(), usage.cachedTokens(),
                usage.cacheWriteTokens() + usage.cacheWrite1hTokens(), usage.outputTokens(), amount};
        for (Granularity granularity : Granularity.values()) {
            RollupKey key = new RollupKey(granularity.name().toLowerCase(), granularity.bucketStart(posted.at()),
                    charge.model(), row.userId, row.tokenId, charge.channelId());
            long[] total = rollups.computeIfAbsent(key, k -> new long[increment.length]);
            for (int field = 0; field < increment.length; field++) {
                total[field] = Math.addExact(total[field], increment[field]);
            }
        }
        add(spending, row.tokenId, amount);
    }

    private static void add(Map<String, long[]> totals, String key, long amount) {
        long[] total = totals.computeIfAbsent(key, k -> new long[2]);
        total[0] = Math.addExact(total[0], amount);
        total[1]++;
    }

    private void userSpend(String userId, long[] add) {
        int updated = jdbc.update("""
                UPDATE user_spending SET spent_nano_usd = spent_nano_usd + ?, requests = requests + ?
                WHERE user_id = ?""", add[0], add[1], userId);
        if (updated == 0) {
            jdbc.update("INSERT INTO user_spending (user_id, spent_nano_usd, requests) VALUES (?, ?, ?)", userId,
                    add[0], add[1]);
        }
    }

    private void rollUp(RollupKey key, long[] add) {
        int updated = jdbc.update("""
                UPDATE usage_rollups SET requests = requests + ?, input_tokens = input_tokens + ?,
                       cached_tokens = cached_tokens + ?, cache_write_tokens = cache_write_tokens + ?,
                       output_tokens = output_tokens + ?, amount_nano_usd = amount_nano_usd + ?
                WHERE granularity = ? AND bucket_start_ms = ? AND model = ? AND user_id = ? AND token_id = ?
                      AND channel_id = ?""", add[0], add[1], add[2], add[3], add[4], add[5], key.granularity(),
                key.bucketStartMs(), key.model(), key.userId(), key.tokenId(), key.channelId());
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO usage_rollups (granularity, bucket_start_ms, model, user_id, token_id, channel_id,
                                               requests, input_tokens, cached_tokens, cache_write_tokens,
                                               output_tokens, amount_nano_usd)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", key.granularity(), key.bucketStartMs(),
                    key.model(), key.userId(), key.tokenId(), key.channelId(), add[0], add[1], add[2], add[3], add[4],
                    add[5]);
        }
    }

    private void spend(String tokenId, long[] add) {
        int updated = jdbc.update("""
                UPDATE token_spending SET spent_nano_usd = spent_nano_usd + ?, requests = requests + ?
                WHERE token_id = ?""", add[0], add[1], tokenId);
        if (updated == 0) {
            jdbc.update("INSERT INTO token_spending (token_id, spent_nano_usd, requests) VALUES (?, ?, ?)", tokenId,
                    add[0], add[1]);
        }
    }
}

package io.llm402.projections.redemption;

import io.llm402.domain.redemption.api.RedemptionCodeChangedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeDeletedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeDisabledEvent;
import io.llm402.domain.redemption.api.RedemptionCodeEnabledEvent;
import io.llm402.domain.redemption.api.RedemptionCodeIssuedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeRedeemedEvent;
import io.llm402.domain.redemption.api.RedemptionTerms;
import io.llm402.projections.redemption.api.FindRedemptionCodeQuery;
import io.llm402.projections.redemption.api.ListInvalidRedemptionCodesQuery;
import io.llm402.projections.redemption.api.RedemptionCodePage;
import io.llm402.projections.redemption.api.RedemptionCodeView;
import io.llm402.projections.redemption.api.SearchRedemptionCodesQuery;
import io.llm402.projections.support.Keywords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Redemption codes. Every event sets absolute values, so handling one twice leaves the same row. */
@Component
@ProcessingGroup(RedemptionProjection.PROCESSING_GROUP)
public class RedemptionProjection {

    public static final String PROCESSING_GROUP = "redemptions";

    private final JdbcClient jdbc;

    public RedemptionProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM redemption_codes").update();
    }

    @EventHandler
    void on(RedemptionCodeIssuedEvent event, TrackingToken token, @Timestamp Instant at) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM redemption_codes WHERE code_id = ?").param(event.codeId())
                .query(Long.class).single() > 0;
        if (!known) {
            jdbc.sql("""
                    INSERT INTO redemption_codes (code_id, code_number, name, key_digest, key_hint, amount_nano_usd,
                                                  status, created_at_ms)
                    VALUES (?, ?, '', ?, ?, 0, 1, ?)""")
                    .params(event.codeId(), token.position().orElseThrow() + 1, event.keyDigest(), event.keyHint(),
                            at.toEpochMilli()).update();
        }
        terms(event.codeId(), event.terms());
    }

    @EventHandler
    void on(RedemptionCodeChangedEvent event) {
        terms(event.codeId(), event.terms());
    }

    @EventHandler
    void on(RedemptionCodeDisabledEvent event) {
        jdbc.sql("UPDATE redemption_codes SET status = 2 WHERE code_id = ? AND status <> 3").param(event.codeId())
                .update();
    }

    @EventHandler
    void on(RedemptionCodeEnabledEvent event) {
        jdbc.sql("UPDATE redemption_codes SET status = 1 WHERE code_id = ? AND status <> 3").param(event.codeId())
                .update();
    }

    @EventHandler
    void on(RedemptionCodeRedeemedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE redemption_codes SET status = 3, redeemed_at_ms = ?, used_user_id = ? WHERE code_id = ?")
                .params(at.toEpochMilli(), event.userId(), event.codeId()).update();
    }

    @EventHandler
    void on(RedemptionCodeDeletedEvent event) {
        jdbc.sql("DELETE FROM redemption_codes WHERE code_id = ?").param(event.codeId()).update();
    }

    @QueryHandler
    public RedemptionCodePage handle(SearchRedemptionCodesQuery query) {
        String like = Keywords.containing(query.keyword());
        long number = Keywords.asNumber(query.keyword());
        String where = " WHERE name LIKE ? ESCAPE '!' OR code_number = ?";
        long total = jdbc.sql("SELECT COUNT(*) FROM redemption_codes" + where).params(like, number)
                .query(Long.class).single();
        List<RedemptionCodeView> items = jdbc.sql("SELECT * FROM redemption_codes" + where
                        + " ORDER BY code_number DESC LIMIT ? OFFSET ?")
                .params(like, number, query.limit(), query.offset()).query(RedemptionProjection::view).list();
        return new RedemptionCodePage(items, total);
    }

    @QueryHandler
    public Optional<RedemptionCodeView> handle(FindRedemptionCodeQuery query) {
        if (query.number() != null) {
            return jdbc.sql("SELECT * FROM redemption_codes WHERE code_number = ?").param(query.number())
                    .query(RedemptionProjection::view).optional();
        }
        return jdbc.sql("SELECT * FROM redemption_codes WHERE key_digest = ?").param(query.keyDigest())
                .query(RedemptionProjection::view).optional();
    }

    @QueryHandler
    public List<String> handle(ListInvalidRedemptionCodesQuery query) {
        return jdbc.sql("""
                SELECT code_id FROM redemption_codes
                WHERE status <> 1 OR (expires_at_ms IS NOT NULL AND expires_at_ms <= ?)
                ORDER BY code_number LIMIT 1000""").param(query.nowEpochMs()).query(String.class).list();
    }

    private void terms(String codeId, RedemptionTerms terms) {
        jdbc.sql("UPDATE redemption_codes SET name = ?, amount_nano_usd = ?, expires_at_ms = ? WHERE code_id = ?")
                .params(terms.name(), terms.amountNanoUsd(),
                        terms.expiresAt() == null ? null : terms.expiresAt().toEpochMilli(), codeId)
                .update();
    }


    private static RedemptionCodeView view(ResultSet rs, int row) throws SQLException {
        long expires = rs.getLong("expires_at_ms");
        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        long redeemed = rs.getLong("redeemed_at_ms");
        Instant redeemedAt = rs.wasNull() ? null : Instant.ofEpochMilli(redeemed);
        return new RedemptionCodeView(rs.getString("code_id"), rs.getLong("code_number"), rs.getString("name"),
                rs.getString("key_hint"), rs.getLong("amount_nano_usd"), rs.getInt("status"), expiresAt,
                Instant.ofEpochMilli(rs.getLong("created_at_ms")), redeemedAt, rs.getString("used_user_id"));
    }
}

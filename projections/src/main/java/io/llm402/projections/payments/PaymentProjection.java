package io.llm402.projections.payments;

import io.llm402.domain.payment.api.PaymentClaimedEvent;
import io.llm402.domain.payment.api.PaymentCoveredByCreditEvent;
import io.llm402.domain.payment.api.PaymentCreditedEvent;
import io.llm402.domain.payment.api.PaymentFailedEvent;
import io.llm402.domain.payment.api.PaymentSettledEvent;
import io.llm402.domain.payment.api.PaymentVerifiedEvent;
import io.llm402.projections.api.ReadModelChangedEvent;
import io.llm402.projections.payments.api.FindPaymentForRequestQuery;
import io.llm402.projections.payments.api.PaymentView;
import io.llm402.projections.support.ChangeSignal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * x402 payments by id. Every handler is idempotent: the claim inserts once, later steps overwrite their own columns,
 * and a status never moves back (events of one payment arrive in order; a redelivery repeats the same values).
 */
@Component
@ProcessingGroup(PaymentProjection.PROCESSING_GROUP)
public class PaymentProjection {

    public static final String PROCESSING_GROUP = "payments";

    private final JdbcClient jdbc;
    private final ChangeSignal signal;

    public PaymentProjection(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.signal = new ChangeSignal(events);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM x402_payments").update();
    }

    @EventHandler
    void on(PaymentClaimedEvent event) {
        signal.changed(ReadModelChangedEvent.RECEIPTS); // a receipt shows its payment
        boolean known = jdbc.sql("SELECT COUNT(*) FROM x402_payments WHERE payment_id = ?")
                .param(event.paymentId()).query(Long.class).single() > 0;
        if (known) {
            return;
        }
        jdbc.sql("""
                INSERT INTO x402_payments (payment_id, purpose, request_id, user_id, network, asset, payer,
                                           amount_atomic, amount_nano_usd, status, claimed_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'claimed', ?)""")
                .params(event.paymentId(), event.purpose().name(), event.requestId(), event.userId(), event.network(),
                        event.asset(), event.payer(), event.amountAtomic(), event.amountNanoUsd(),
                        event.claimedAt().toEpochMilli())
                .update();
    }

    @EventHandler
    void on(PaymentVerifiedEvent event) {
        signal.changed(ReadModelChangedEvent.RECEIPTS); // a receipt shows its payment
        jdbc.sql("UPDATE x402_payments SET status = 'verified' WHERE payment_id = ? AND status = 'claimed'")
                .param(event.paymentId()).update();
    }

    @EventHandler
    void on(PaymentSettledEvent event) {
        signal.changed(ReadModelChangedEvent.RECEIPTS); // a receipt shows its payment
        jdbc.sql("""
                UPDATE x402_payments SET status = 'settled', tx_hash = ?
                WHERE payment_id = ? AND status IN ('claimed', 'verified')""")
                .params(event.transaction(), event.paymentId()).update();
    }

    @EventHandler
    void on(PaymentFailedEvent event) {
        signal.changed(ReadModelChangedEvent.RECEIPTS); // a receipt shows its payment
        jdbc.sql("""
                UPDATE x402_payments SET status = 'failed', failure_stage = ?, failure_reason = ?
                WHERE payment_id = ? AND status IN ('claimed', 'verified')""")
                .params(event.stage().name(), truncate(event.reason()), event.paymentId()).update();
    }

    @EventHandler
    void on(PaymentCoveredByCreditEvent event) {
        signal.changed(ReadModelChangedEvent.RECEIPTS); // a receipt shows its payment
        jdbc.sql("""
                UPDATE x402_payments SET status = 'covered_by_credit'
                WHERE payment_id = ? AND status IN ('claimed', 'verified')""")
                .param(event.paymentId()).update();
    }

    @EventHandler
    void on(PaymentCreditedEvent event) {
        signal.changed(ReadModelChangedEvent.RECEIPTS); // a receipt shows its payment
        jdbc.sql("""
                UPDATE x402_payments SET status = 'credited', charged_nano_usd = ?, credited_nano_usd = ?
                WHERE payment_id = ?""")
                .params(event.chargedNanoUsd(), event.creditedNanoUsd(), event.paymentId()).update();
    }

    @QueryHandler
    public Optional<PaymentView> handle(FindPaymentForRequestQuery query) {
        return jdbc.sql("""
                SELECT payment_id, purpose, request_id, user_id, network, asset, payer, amount_atomic,
                       amount_nano_usd, status, tx_hash, failure_stage, failure_reason, charged_nano_usd,
                       credited_nano_usd
                FROM x402_payments WHERE request_id = ? ORDER BY claimed_at_ms DESC""")
                .param(query.requestId())
                .query((rs, row) -> new PaymentView(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getLong(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                        nullableLong(rs, 14), nullableLong(rs, 15)))
                .list().stream().findFirst();
    }

    private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String truncate(String reason) {
        return reason.length() <= 255 ? reason : reason.substring(0, 255);
    }
}

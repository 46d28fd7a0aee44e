package io.llm402.domain.payment;

import io.llm402.domain.payment.api.ClaimPaymentCommand;
import io.llm402.domain.payment.api.PaymentClaimedEvent;
import io.llm402.domain.payment.api.PaymentCoveredByCreditEvent;
import io.llm402.domain.payment.api.PaymentCreditedEvent;
import io.llm402.domain.payment.api.PaymentFailedEvent;
import io.llm402.domain.payment.api.PaymentPurpose;
import io.llm402.domain.payment.api.PaymentSettledEvent;
import io.llm402.domain.payment.api.PaymentStage;
import io.llm402.domain.payment.api.PaymentVerifiedEvent;
import io.llm402.domain.payment.api.RecordPaymentCoveredByCreditCommand;
import io.llm402.domain.payment.api.RecordPaymentCreditedCommand;
import io.llm402.domain.payment.api.RecordPaymentFailedCommand;
import io.llm402.domain.payment.api.RecordPaymentSettledCommand;
import io.llm402.domain.payment.api.RecordPaymentVerifiedCommand;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class X402PaymentTest {

    private static final String ID = "x402-0123456789abcdef0123456789abcdef01234567";
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Instant VALID_BEFORE = NOW.plusSeconds(300);
    private static final long TEN_CENTS = 100_000_000L;

    private final AggregateTestFixture<X402Payment> fixture = new AggregateTestFixture<>(X402Payment.class);

    private static PaymentClaimedEvent claimed() {
        return new PaymentClaimedEvent(ID, PaymentPurpose.REQUEST, "req-1", "x402:0xpayer", "eip155:8453", "0xasset",
                "0xPayer", "0xnonce", "100000", TEN_CENTS, VALID_BEFORE, NOW);
    }

    @Test
    void claimingRecordsTheAuthorization() {
        fixture.givenNoPriorActivity()
                .when(new ClaimPaymentCommand(ID, PaymentPurpose.REQUEST, "req-1", "x402:0xpayer", "eip155:8453",
                        "0xasset", "0xPayer", "0xnonce", "100000", TEN_CENTS, VALID_BEFORE, NOW))
                .expectEvents(claimed());
    }

    @Test
    void aPaymentForNothingCannotBeClaimed() {
        fixture.givenNoPriorActivity()
                .when(new ClaimPaymentCommand(ID, PaymentPurpose.REQUEST, "req-1", "x402:0xpayer", "eip155:8453",
                        "0xasset", "0xPayer", "0xnonce", "0", 0, VALID_BEFORE, NOW))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void verifiedThenSettledCarriesTheAmountAndTheTransaction() {
        fixture.given(claimed(), new PaymentVerifiedEvent(ID, NOW))
                .when(new RecordPaymentSettledCommand(ID, "0xtx", NOW))
                .expectEvents(new PaymentSettledEvent(ID, PaymentPurpose.REQUEST, "x402:0xpayer", "eip155:8453",
                        "0xtx", "100000", TEN_CENTS, NOW));
    }

    @Test
    void aRepeatedStepRecordsNothing() {
        fixture.given(claimed(), new PaymentVerifiedEvent(ID, NOW))
                .when(new RecordPaymentVerifiedCommand(ID, NOW))
                .expectNoEvents();
    }

    @Test
    void theCreditIsThePaymentMinusTheCharge() {
        fixture.given(claimed(), new PaymentSettledEvent(ID, PaymentPurpose.REQUEST, "x402:0xpayer", "eip155:8453",
                        "0xtx", "100000", TEN_CENTS, NOW))
                .when(new RecordPaymentCreditedCommand(ID, 30_000_000L))
                .expectEvents(new PaymentCreditedEvent(ID, "req-1", "x402:0xpayer", TEN_CENTS, 30_000_000L,
                        70_000_000L));
    }

    @Test
    void aChargeAboveThePaymentIsRefused() {
        fixture.given(claimed(), new PaymentSettledEvent(ID, PaymentPurpose.REQUEST, "x402:0xpayer", "eip155:8453",
                        "0xtx", "100000", TEN_CENTS, NOW))
                .when(new RecordPaymentCreditedCommand(ID, TEN_CENTS + 1))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void anUnsettledPaymentLeavesNoCredit() {
        fixture.given(claimed(), new PaymentVerifiedEvent(ID, NOW))
                .when(new RecordPaymentCreditedCommand(ID, 0))
                .expectException(IllegalStateException.class);
    }

    @Test
    void aFailedPaymentCannotBeSettledLater() {
        fixture.given(claimed(), new PaymentFailedEvent(ID, PaymentStage.SERVE, "upstream failed", NOW))
                .when(new RecordPaymentSettledCommand(ID, "0xtx", NOW))
                .expectException(IllegalStateException.class);
    }

    @Test
    void creditCoversTheRequestAndTheAuthorizationIsNeverSettled() {
        fixture.given(claimed())
                .when(new RecordPaymentCoveredByCreditCommand(ID, NOW))
                .expectEvents(new PaymentCoveredByCreditEvent(ID, "req-1", "x402:0xpayer", NOW));
        fixture.given(claimed(), new PaymentCoveredByCreditEvent(ID, "req-1", "x402:0xpayer", NOW))
                .when(new RecordPaymentSettledCommand(ID, "0xtx", NOW))
                .expectException(IllegalStateException.class);
    }

    @Test
    void aVerificationFailureIsRecorded() {
        fixture.given(claimed())
                .when(new RecordPaymentFailedCommand(ID, PaymentStage.VERIFY, "insufficient_funds", NOW))
                .expectEvents(new PaymentFailedEvent(ID, PaymentStage.VERIFY, "insufficient_funds", NOW));
    }
}

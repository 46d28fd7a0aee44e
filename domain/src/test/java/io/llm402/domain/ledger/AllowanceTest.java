package io.llm402.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.domain.ledger.api.AllowanceClosedEvent;
import io.llm402.domain.ledger.api.AllowanceFundedEvent;
import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.ledger.api.UsagePostedEvent;
import io.llm402.domain.ledger.api.UsageReservedEvent;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.domain.metering.api.UsageBasis;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AllowanceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final AllowanceFundedEvent FUNDED = new AllowanceFundedEvent("wallet:u-1", "u-1", "a-1", "t-1", "node-a",
            "tr-1", "wallet:u-1", LedgerAccounts.allowance("a-1"), 1_000L, TransferCode.ALLOWANCE_FUNDING);

    private final Allowance allowance = Allowance.funded(FUNDED);

    @Test
    void reservePostThenCloseReturnsTheRest() {
        assertThat(allowance.reserve("r-1", "m", 600, NOW)).singleElement()
                .satisfies(e -> assertThat(e.sequence()).isZero())
                .satisfies(e -> assertThat(e.payload()).isInstanceOf(UsageReservedEvent.class));
        assertThat(allowance.availableNanoUsd()).isEqualTo(400);

        UsagePostedEvent posted = (UsagePostedEvent) allowance.post("r-1", charge(250)).getFirst().payload();
        assertThat(posted.amountNanoUsd()).isEqualTo(250);
        assertThat(posted.debitAccount()).isEqualTo("allowance:a-1");
        assertThat(posted.creditAccount()).isEqualTo(LedgerAccounts.REVENUE);
        assertThat(allowance.availableNanoUsd()).isEqualTo(750);

        assertThat(allowance.close()).singleElement().satisfies(e -> {
            assertThat(e.sequence()).isEqualTo(2);
            assertThat(e.payload()).isEqualTo(new AllowanceClosedEvent("a-1", 250, 750));
        });
        assertThat(allowance.canReserve(1)).isFalse();
    }

    @Test
    void everyRequestIsResolvedAtMostOnce() {
        allowance.reserve("r-1", "m", 100, NOW);
        assertThat(allowance.reserve("r-1", "m", 100, NOW)).isEmpty();
        assertThat(allowance.voidReservation("r-1", "upstream 503")).hasSize(1);
        assertThat(allowance.post("r-1", charge(50))).isEmpty();
        assertThat(allowance.expire("r-1", "restart")).isEmpty();
        assertThat(allowance.reserve("r-1", "m", 100, NOW)).isEmpty();
        assertThat(allowance.spentNanoUsd()).isZero();
    }

    @Test
    void anOverrunIsChargedOnlyAsFarAsTheAllowanceCovers() {
        allowance.reserve("r-1", "m", 600, NOW);
        allowance.reserve("r-2", "m", 300, NOW);
        UsagePostedEvent posted = (UsagePostedEvent) allowance.post("r-1", charge(900)).getFirst().payload();
        assertThat(posted.amountNanoUsd()).isEqualTo(700);
        assertThat(posted.uncoveredNanoUsd()).isEqualTo(200);
        assertThat(allowance.availableNanoUsd()).isZero();
    }

    @Test
    void nothingBeyondTheGrantIsReservedAndNothingPendingIsClosed() {
        assertThatThrownBy(() -> allowance.reserve("r-1", "m", 1_001, NOW)).isInstanceOf(IllegalStateException.class);
        allowance.reserve("r-1", "m", 1_000, NOW);
        assertThatThrownBy(allowance::close).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void replayingTheStoredEventsRebuildsTheSameState() {
        allowance.reserve("r-1", "m", 600, NOW);
        Object posted = allowance.post("r-1", charge(250)).getFirst().payload();
        allowance.reserve("r-2", "m", 100, NOW);

        Allowance replayed = Allowance.funded(FUNDED);
        replayed.apply(new UsageReservedEvent("a-1", "r-1", "u-1", "t-1", "m", 600, NOW));
        replayed.apply(posted);
        replayed.apply(new UsageReservedEvent("a-1", "r-2", "u-1", "t-1", "m", 100, NOW));
        assertThat(replayed.availableNanoUsd()).isEqualTo(allowance.availableNanoUsd()).isEqualTo(650);
        assertThat(replayed.pendingRequests()).containsExactly("r-2");
        assertThat(replayed.expire("r-2", "restart").getFirst().sequence()).isEqualTo(3);
    }

    private static Charge charge(long amountNanoUsd) {
        return new Charge("m", "m", "m-2024", "c-1", new CanonicalUsage(10, 0, 0, 5, 0, UsageBasis.UPSTREAM), 1,
                1_000_000, 500_000, 1_250_000, amountNanoUsd, 2_000_000);
    }
}

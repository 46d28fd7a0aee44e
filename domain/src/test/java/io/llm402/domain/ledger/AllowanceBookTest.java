package io.llm402.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.ledger.api.AllowanceClosedEvent;
import io.llm402.domain.ledger.api.AllowanceFundedEvent;
import io.llm402.domain.ledger.api.AllowanceReturnedEvent;
import io.llm402.domain.ledger.api.LedgerSettings;
import io.llm402.domain.ledger.api.OpenAllowance;
import io.llm402.domain.ledger.api.Reservation;
import io.llm402.domain.ledger.api.ReserveOutcome;
import io.llm402.domain.ledger.api.ReserveUsage;
import io.llm402.domain.ledger.api.SetGrantedBalanceCommand;
import io.llm402.domain.ledger.api.Shortfall;
import io.llm402.domain.ledger.api.UsageExpiredEvent;
import io.llm402.domain.ledger.api.UsagePostedEvent;
import io.llm402.domain.ledger.api.UsageReservedEvent;
import io.llm402.domain.ledger.api.UsageVoidedEvent;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.domain.shared.GroupCommit;
import io.llm402.domain.shared.NaturalIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The allowance's lifecycle on Axon's in-memory event store, with the real wallet aggregate behind it. */
class AllowanceBookTest {

    private static final long USD = 1_000_000_000L;
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private final Configuration axon = DefaultConfigurer.defaultConfiguration()
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            .configureAggregate(Wallet.class)
            .buildConfiguration();
    private final MutableClock clock = new MutableClock(T0);
    private final LedgerSettings settings = new LedgerSettings("node-a", USD, Duration.ofMillis(1), 1_000, TIMEOUT);
    private final GroupCommit groupCommit;
    private final AllowanceBook book;

    AllowanceBookTest() {
        axon.start();
        groupCommit = new GroupCommit(axon.eventStore(), settings.commitWindow(), settings.maxBatchEvents(), 1_000);
        book = new AllowanceBook(commands(), groupCommit, settings, clock);
    }

    @AfterEach
    void stop() throws InterruptedException {
        groupCommit.close();
        axon.shutdown();
    }

    @Test
    void aReservationFundsATrancheAndThePostChargesIt() {
        grant("u-1", 10 * USD);

        Reservation reservation = reserved(book.reserve(hold("r-1", 300_000)));
        book.post(reservation, charge(120_000)).join();

        assertThat(walletEvents("u-1")).filteredOn(AllowanceFundedEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((AllowanceFundedEvent) e).amountNanoUsd()).isEqualTo(USD));
        assertThat(allowanceEvents(reservation.allowanceId())).hasExactlyElementsOfTypes(UsageReservedEvent.class,
                UsagePostedEvent.class);
        assertThat(((UsagePostedEvent) allowanceEvents(reservation.allowanceId()).get(1)).amountNanoUsd())
                .isEqualTo(120_000);
    }

    @Test
    void aWalletThatCannotCoverTheRequestIsAValueNotAnException() {
        grant("u-1", 100);

        assertThat(book.reserve(hold("r-1", 300_000)))
                .isEqualTo(new ReserveOutcome.Refused(Shortfall.BALANCE, 300_000, 100));
        assertThat(book.reserve(new ReserveUsage("nobody", "t-9", null, "r-2", "m", 1)))
                .isEqualTo(new ReserveOutcome.Refused(Shortfall.BALANCE, 1, 0));
    }

    @Test
    void theTokensLimitIsAValueToo() {
        grant("u-1", 10 * USD);

        assertThat(book.reserve(new ReserveUsage("u-1", "t-1", 200_000L, "r-1", "m", 300_000)))
                .isEqualTo(new ReserveOutcome.Refused(Shortfall.TOKEN_LIMIT, 300_000, 200_000));
    }

    @Test
    void aTrancheHoldsSeveralOfTheRequestsThatOpenIt() {
        grant("u-1", 100 * USD);

        Reservation dear = reserved(book.reserve(hold("r-1", 2 * USD)));

        assertThat(walletEvents("u-1")).filteredOn(AllowanceFundedEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((AllowanceFundedEvent) e).amountNanoUsd())
                        .isEqualTo(AllowanceBook.TRANCHE_REQUESTS * 2 * USD));
        book.voidReservation(dear, "test").join();
    }

    @Test
    void aFullTrancheDrainsItsLastRequestThenClosesAndReturnsTheRest() {
        grant("u-1", 10 * USD);
        Reservation first = reserved(book.reserve(hold("r-1", 600_000_000))); // a tranche of 8 × 0.6 = 4.8 USD

        // 4.5 USD does not fit in the 4.2 left: a new tranche, of what the wallet still holds (5.2 USD)
        Reservation second = reserved(book.reserve(hold("r-2", 4_500_000_000L)));
        assertThat(second.allowanceId()).isNotEqualTo(first.allowanceId());
        assertThat(allowanceEvents(first.allowanceId())).hasSize(1); // still draining

        book.post(first, charge(100_000_000)).join();

        assertThat(allowanceEvents(first.allowanceId())).last()
                .isEqualTo(new AllowanceClosedEvent(first.allowanceId(), 100_000_000, 4_700_000_000L));
        awaitReturned("u-1", first.allowanceId(), 4_700_000_000L);
        book.voidReservation(second, "test").join();
    }

    @Test
    void theRemainderOfAnIdleTrancheGoesBackToTheWallet() {
        grant("u-1", 10 * USD);
        Reservation reservation = reserved(book.reserve(hold("r-1", 300_000)));
        book.post(reservation, charge(100_000)).join();

        book.returnRemainder("t-1");

        assertThat(walletEvents("u-1")).filteredOn(AllowanceReturnedEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((AllowanceReturnedEvent) e).amountNanoUsd()).isEqualTo(USD - 100_000));
    }

    @Test
    void aReservationPendingPastTheTimeoutExpiresAndALatePostChargesNothing() {
        grant("u-1", 10 * USD);
        Reservation stuck = reserved(book.reserve(hold("r-1", 300_000)));

        clock.advance(TIMEOUT.minusSeconds(1));
        assertThat(book.expireStale()).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(book.expireStale()).isEqualTo(1);
        book.post(stuck, charge(100_000)).join();

        assertThat(allowanceEvents(stuck.allowanceId())).hasExactlyElementsOfTypes(UsageReservedEvent.class,
                UsageExpiredEvent.class);
    }

    @Test
    void aRestartedNodeExpiresWhatWasPendingClosesAndReturnsIt() throws InterruptedException {
        grant("u-1", 10 * USD);
        Reservation posted = reserved(book.reserve(hold("r-1", 300_000)));
        book.post(posted, charge(100_000)).join();
        reserved(book.reserve(hold("r-2", 300_000))); // the node dies with this request in flight
        groupCommit.flush().join();

        AllowanceBook restarted = new AllowanceBook(commands(), groupCommit, settings, clock);
        AllowanceRecovery recovery = new AllowanceRecovery(node -> node.equals("node-a")
                ? List.of(new OpenAllowance(posted.allowanceId(), "u-1", "t-1", USD)) : List.of(),
                axon.eventStore(), restarted, settings);

        assertThat(recovery.recover()).isEqualTo(1);
        assertThat(allowanceEvents(posted.allowanceId())).hasExactlyElementsOfTypes(UsageReservedEvent.class,
                UsagePostedEvent.class, UsageReservedEvent.class, UsageExpiredEvent.class,
                AllowanceClosedEvent.class);
        awaitReturned("u-1", posted.allowanceId(), USD - 100_000);
    }

    @Test
    void aVoidedRequestCostsNothing() {
        grant("u-1", 10 * USD);
        Reservation reservation = reserved(book.reserve(hold("r-1", 300_000)));

        book.voidReservation(reservation, "upstream failed").join();
        book.voidReservation(reservation, "again").join();

        assertThat(allowanceEvents(reservation.allowanceId())).hasExactlyElementsOfTypes(UsageReservedEvent.class,
                UsageVoidedEvent.class);
    }

    private CommandGateway commands() {
        return axon.commandGateway();
    }

    private void grant(String userId, long nanoUsd) {
        commands().sendAndWait(new SetGrantedBalanceCommand(userId, nanoUsd, "grant-" + userId));
    }

    private static ReserveUsage hold(String requestId, long nanoUsd) {
        return new ReserveUsage("u-1", "t-1", null, requestId, "m", nanoUsd);
    }

    private static Reservation reserved(ReserveOutcome outcome) {
        assertThat(outcome).isInstanceOf(ReserveOutcome.Reserved.class);
        return ((ReserveOutcome.Reserved) outcome).reservation();
    }

    private static Charge charge(long nanoUsd) {
        return new Charge("m", "m", "m", "c-1", new CanonicalUsage(1, 0, 0, 1, 0, UsageBasis.UPSTREAM), 1, 1_000_000,
                1_000_000, 1_250_000, nanoUsd, 2_000_000);
    }

    private List<Object> walletEvents(String userId) {
        return events(axon.eventStore(), NaturalIds.walletId(userId));
    }

    private List<Object> allowanceEvents(String allowanceId) {
        groupCommit.flush().join(); // reservations are queued, not awaited
        return events(axon.eventStore(), allowanceId);
    }

    private static List<Object> events(EventStore store, String aggregateId) {
        List<Object> payloads = new ArrayList<>();
        store.readEvents(aggregateId).forEachRemaining(event -> payloads.add(event.getPayload()));
        return payloads;
    }

    /** Returns after a drain are sent asynchronously (the close is durable first). */
    private void awaitReturned(String userId, String allowanceId, long nanoUsd) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            boolean returned = walletEvents(userId).stream().anyMatch(e -> e instanceof AllowanceReturnedEvent r
                    && r.allowanceId().equals(allowanceId) && r.amountNanoUsd() == nanoUsd);
            if (returned) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("allowance " + allowanceId + " was not returned: " + walletEvents(userId));
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

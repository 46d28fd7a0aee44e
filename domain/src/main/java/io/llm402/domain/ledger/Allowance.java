package io.llm402.domain.ledger;

import io.llm402.domain.ledger.api.AllowanceClosedEvent;
import io.llm402.domain.ledger.api.AllowanceFundedEvent;
import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.ledger.api.UsageExpiredEvent;
import io.llm402.domain.ledger.api.UsagePostedEvent;
import io.llm402.domain.ledger.api.UsageReservedEvent;
import io.llm402.domain.ledger.api.UsageVoidedEvent;
import io.llm402.domain.metering.api.Charge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision model of one allowance (a tranche of a wallet that one node spends from), TigerBeetle's two-phase
 * transfers in miniature: reserve the maximum before the upstream call, then post the actual cost, void, or expire.
 * Exactly one node owns an allowance, so its state lives in that node's memory and its events are appended in
 * batches (group commit) instead of one transaction per request; the event store's unique (aggregate, sequence) key
 * still rejects any second writer. Every decision returns the events it makes, each already applied here; the same
 * {@link #apply} rebuilds the state from stored events after a restart.
 *
 * <p>Invariants: reserved + spent ≤ granted; each request id is resolved at most once; a closed allowance takes no
 * reservation. Not thread-safe: the owner serialises calls per allowance.
 */
final class Allowance {

    /** Aggregate type under which an allowance's events are stored. */
    static final String AGGREGATE_TYPE = "Allowance";

    private final String allowanceId;
    private final String userId;
    private final String tokenId;
    private final long grantedNanoUsd;
    private long spentNanoUsd;
    private long reservedNanoUsd;
    private long nextSequence;
    private boolean closed;
    private final Map<String, UsageReservedEvent> pending = new HashMap<>();
    private final Set<String> resolved = new HashSet<>();

    private Allowance(String allowanceId, String userId, String tokenId, long grantedNanoUsd) {
        this.allowanceId = allowanceId;
        this.userId = userId;
        this.tokenId = tokenId;
        this.grantedNanoUsd = grantedNanoUsd;
    }

    /** A freshly funded allowance; its own stream is still empty. */
    static Allowance funded(AllowanceFundedEvent funding) {
        return open(funding.allowanceId(), funding.userId(), funding.tokenId(), funding.amountNanoUsd());
    }

    /** An allowance of {@code grantedNanoUsd}, before any event of its own stream is applied. */
    static Allowance open(String allowanceId, String userId, String tokenId, long grantedNanoUsd) {
        return new Allowance(allowanceId, userId, tokenId, grantedNanoUsd);
    }

    /** One event with the sequence number it takes in the allowance's stream. */
    record Sequenced(long sequence, Object payload) {
    }

    List<Sequenced> reserve(String requestId, String model, long amountNanoUsd, Instant now) {
        if (pending.containsKey(requestId) || resolved.contains(requestId)) {
            return List.of();
        }
        if (!canReserve(amountNanoUsd)) {
            throw new IllegalStateException("allowance " + allowanceId + " cannot hold " + amountNanoUsd);
        }
        return emit(new UsageReservedEvent(allowanceId, requestId, userId, tokenId, model, amountNanoUsd, now));
    }

    /** Whether a reservation of this size fits now. */
    boolean canReserve(long amountNanoUsd) {
        return !closed && amountNanoUsd >= 0 && amountNanoUsd <= availableNanoUsd();
    }

    /**
     * Charges the actual cost. Above the reservation (an overrun) the allowance's free remainder covers what it can;
     * the rest is recorded as uncovered rather than charged.
     */
    List<Sequenced> post(String requestId, Charge charge) {
        UsageReservedEvent reservation = pending.get(requestId);
        if (reservation == null) {
            return List.of();
        }
        long reserved = reservation.amountNanoUsd();
        long free = availableNanoUsd();
        long charged = Math.min(charge.amountNanoUsd(), Math.addExact(reserved, free));
        return emit(new UsagePostedEvent(allowanceId, requestId, requestId, LedgerAccounts.allowance(allowanceId),
                LedgerAccounts.REVENUE, charged, TransferCode.USAGE, reserved, charge.amountNanoUsd() - charged,
                charge));
    }

    List<Sequenced> voidReservation(String requestId, String reason) {
        return pending.containsKey(requestId) ? emit(new UsageVoidedEvent(allowanceId, requestId, reason)) : List.of();
    }

    List<Sequenced> expire(String requestId, String reason) {
        return pending.containsKey(requestId) ? emit(new UsageExpiredEvent(allowanceId, requestId, reason))
                : List.of();
    }

    /** Closes the allowance once nothing is pending; its remainder then goes back to the wallet. */
    List<Sequenced> close() {
        if (closed) {
            return List.of();
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("allowance " + allowanceId + " still has pending reservations");
        }
        return emit(new AllowanceClosedEvent(allowanceId, spentNanoUsd, grantedNanoUsd - spentNanoUsd));
    }

    /** Applies a stored or new event of this allowance's stream. */
    void apply(Object event) {
        switch (event) {
            case UsageReservedEvent reserved -> {
                pending.put(reserved.requestId(), reserved);
                reservedNanoUsd = Math.addExact(reservedNanoUsd, reserved.amountNanoUsd());
            }
            case UsagePostedEvent posted -> {
                release(posted.requestId());
                spentNanoUsd = Math.addExact(spentNanoUsd, posted.amountNanoUsd());
            }
            case UsageVoidedEvent voided -> release(voided.requestId());
            case UsageExpiredEvent expired -> release(expired.requestId());
            case AllowanceClosedEvent ignored -> closed = true;
            default -> throw new IllegalArgumentException("not an allowance event: " + event.getClass().getName());
        }
        nextSequence++;
        if (reservedNanoUsd + spentNanoUsd > grantedNanoUsd) {
            throw new IllegalStateException("allowance " + allowanceId + " would spend more than it was granted");
        }
    }

    private void release(String requestId) {
        UsageReservedEvent reservation = pending.remove(requestId);
        if (reservation != null) {
            reservedNanoUsd = Math.subtractExact(reservedNanoUsd, reservation.amountNanoUsd());
            resolved.add(requestId);
        }
    }

    private List<Sequenced> emit(Object event) {
        long sequence = nextSequence;
        apply(event);
        List<Sequenced> events = new ArrayList<>(1);
        events.add(new Sequenced(sequence, event));
        return events;
    }

    long availableNanoUsd() {
        return grantedNanoUsd - spentNanoUsd - reservedNanoUsd;
    }

    String allowanceId() {
        return allowanceId;
    }

    String userId() {
        return userId;
    }

    String tokenId() {
        return tokenId;
    }

    long grantedNanoUsd() {
        return grantedNanoUsd;
    }

    long spentNanoUsd() {
        return spentNanoUsd;
    }

    boolean closed() {
        return closed;
    }

    Set<String> pendingRequests() {
        return Set.copyOf(pending.keySet());
    }

    /** The requests reserved before {@code cutoff} and still pending: stuck or lost, to be expired. */
    List<String> reservedBefore(Instant cutoff) {
        List<String> stale = new ArrayList<>();
        for (UsageReservedEvent reservation : pending.values()) {
            if (reservation.reservedAt().isBefore(cutoff)) {
                stale.add(reservation.requestId());
            }
        }
        return stale;
    }
}

package io.llm402.domain.ledger;

import io.llm402.domain.ledger.api.LedgerRecovery;
import io.llm402.domain.ledger.api.LedgerSettings;
import io.llm402.domain.ledger.api.OpenAllowance;
import io.llm402.domain.ledger.api.OpenAllowances;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart (a crash included), resolves every allowance this node owned in an earlier run: each reservation
 * still pending expires without a charge (the documented policy: a request cut by the node's death is not billed),
 * then the allowance closes and its remainder returns to the wallet. Nothing stays pending, nothing is charged twice:
 * posted charges are already in the allowance's stream, and expiring or closing twice appends nothing.
 *
 * <p>Fencing: the allowance's events carry their sequence number, and the event store's unique (aggregate, sequence)
 * key refuses a second writer, so recovery run by another node for a node that is in fact alive fails instead of
 * forking the stream. That is what lets the cluster hand a dead node's allowances to a live one.
 */
public final class AllowanceRecovery implements LedgerRecovery {

    static final String EXPIRY_REASON = "node restarted before the request completed";
    private static final Logger log = LoggerFactory.getLogger(AllowanceRecovery.class);

    private final OpenAllowances openAllowances;
    private final EventStore eventStore;
    private final AllowanceBook book;
    private final LedgerSettings settings;

    public AllowanceRecovery(OpenAllowances openAllowances, EventStore eventStore, AllowanceBook book,
                             LedgerSettings settings) {
        this.openAllowances = openAllowances;
        this.eventStore = eventStore;
        this.book = book;
        this.settings = settings;
    }

    private void recoverOne(OpenAllowance open) {
        Allowance allowance = Allowance.open(open.allowanceId(), open.userId(), open.tokenId(),
                open.grantedNanoUsd());
        DomainEventStream stored = eventStore.readEvents(open.allowanceId());
        while (stored.hasNext()) {
            DomainEventMessage<?> event = stored.next();
            allowance.apply(event.getPayload());
        }
        int expired = 0;
        for (String requestId : allowance.pendingRequests()) {
            book.append(allowance, allowance.expire(requestId, EXPIRY_REASON));
            expired++;
        }
        book.closeAndReturn(allowance);
        log.info("Recovered allowance {}: {} pending reservation(s) expired, {} nano-USD returned",
                open.allowanceId(), expired, allowance.grantedNanoUsd() - allowance.spentNanoUsd());
    }

    /** This node's allowances of earlier runs; the read model behind {@link OpenAllowances} must be current. */
    @Override
    public int recover() {
        return recover(settings.nodeId());
    }

    /** Recovers the open allowances of {@code nodeId} (this node's own, or a node known to be gone). */
    @Override
    public int recover(String nodeId) {
        int recovered = 0;
        for (OpenAllowance open : openAllowances.ownedBy(nodeId)) {
            if (book.fundedHere(open.allowanceId())) {
                continue;
            }
            try {
                recoverOne(open);
                recovered++;
            } catch (RuntimeException e) {
                // Another node recovered it first (the event store refused the second writer), or the store failed:
                // either way the allowance is left to whoever holds it; the next recovery finds it if still open.
                log.warn("Allowance {} of node {} was not recovered here: {}", open.allowanceId(), nodeId,
                        e.toString());
            }
        }
        return recovered;
    }
}

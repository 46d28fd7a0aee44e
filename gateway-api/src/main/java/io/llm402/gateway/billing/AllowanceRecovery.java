package io.llm402.gateway.billing;

import io.llm402.domain.ledger.api.AllowanceState;
import io.llm402.projections.ledger.api.ListOpenAllowancesQuery;
import io.llm402.projections.ledger.api.OpenAllowanceView;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart (a crash included), resolves every allowance this node owned in an earlier run: each reservation
 * still pending expires without a charge (the documented policy: a request cut by the node's death is not billed),
 * then the allowance closes and its remainder returns to the wallet. Nothing stays pending, nothing is charged twice:
 * posted charges are already in the allowance's stream, and expiring or closing twice appends nothing.
 */
public final class AllowanceRecovery {

    static final String EXPIRY_REASON = "node restarted before the request completed";
    private static final Logger log = LoggerFactory.getLogger(AllowanceRecovery.class);

    private final QueryGateway queries;
    private final EventStore eventStore;
    private final AllowanceBook book;
    private final EventAppender appender;
    private final NodeIdentity node;

    public AllowanceRecovery(QueryGateway queries, EventStore eventStore, AllowanceBook book, EventAppender appender,
                             NodeIdentity node) {
        this.queries = queries;
        this.eventStore = eventStore;
        this.book = book;
        this.appender = appender;
        this.node = node;
    }

    /** Answers how many allowances were recovered. The ledger-book projection must have caught up first. */
    public int recover() {
        List<OpenAllowanceView> open = queries.query(new ListOpenAllowancesQuery(node.nodeId()),
                ResponseTypes.multipleInstancesOf(OpenAllowanceView.class)).join();
        int recovered = 0;
        for (OpenAllowanceView allowance : open) {
            if (book.isLive(allowance.allowanceId())) {
                continue;
            }
            AllowanceState state = AllowanceState.open(allowance.allowanceId(), allowance.userId(),
                    allowance.tokenId(), allowance.grantedNanoUsd());
            DomainEventStream stored = eventStore.readEvents(allowance.allowanceId());
            while (stored.hasNext()) {
                DomainEventMessage<?> event = stored.next();
                state.apply(event.getPayload());
            }
            int expired = 0;
            for (String requestId : state.pendingRequests()) {
                appender.append(AllowanceBook.messages(state, state.expire(requestId, EXPIRY_REASON)));
                expired++;
            }
            book.closeAndReturn(state);
            log.info("Recovered allowance {}: {} pending reservation(s) expired, {} nano-USD returned",
                    allowance.allowanceId(), expired, state.grantedNanoUsd() - state.spentNanoUsd());
            recovered++;
        }
        return recovered;
    }
}

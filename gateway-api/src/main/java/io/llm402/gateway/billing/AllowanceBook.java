package io.llm402.gateway.billing;

import io.llm402.domain.ledger.api.AllowanceState;
import io.llm402.domain.ledger.api.FundAllowanceCommand;
import io.llm402.domain.ledger.api.InsufficientFundsException;
import io.llm402.domain.ledger.api.ReturnAllowanceCommand;
import io.llm402.domain.metering.api.Charge;
import io.llm402.domain.shared.NanoUsd;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's allowances, one current tranche per API token (plus tranches draining their last requests). A request
 * reserves on the current tranche in memory and its events go to the group-committing {@link EventAppender}; the
 * wallet aggregate is touched only to fund a new tranche or to take back a closed one's remainder.
 */
public final class AllowanceBook {

    private static final Logger log = LoggerFactory.getLogger(AllowanceBook.class);

    private final CommandGateway commands;
    private final EventAppender appender;
    private final NodeIdentity node;
    private final long trancheNanoUsd;
    private final Clock clock;
    private final Map<String, TokenAllowances> byToken = new ConcurrentHashMap<>();
    private final java.util.Set<String> live = ConcurrentHashMap.newKeySet();

    public AllowanceBook(CommandGateway commands, EventAppender appender, NodeIdentity node, long trancheNanoUsd,
                         Clock clock) {
        this.commands = commands;
        this.appender = appender;
        this.node = node;
        this.trancheNanoUsd = trancheNanoUsd;
        this.clock = clock;
    }

    /** The allowances of one token on this node; its lock serialises every decision on them. */
    private static final class TokenAllowances {
        final ReentrantLock lock = new ReentrantLock();
        @Nullable AllowanceState current;
        final List<AllowanceState> draining = new ArrayList<>();
    }

    /**
     * Holds {@code amountNanoUsd} for the request, funding a new tranche from the wallet when the current one cannot
     * hold it. The reservation's events are queued, not awaited: the request's final charge waits for them.
     *
     * @throws PaymentRequiredException when neither the wallet nor the token's limit covers the amount
     */
    public Reservation reserve(String userId, String tokenId, @Nullable Long tokenLimitNanoUsd, String requestId,
                               String model, long amountNanoUsd) {
        return reserveAfter(() -> { }, userId, tokenId, tokenLimitNanoUsd, requestId, model, amountNanoUsd);
    }

    /**
     * Runs {@code deposit} (a payment arriving in the wallet) and reserves, both under the token's lock, so no other
     * request of the same token can fund a tranche with that deposit before this request has reserved on it.
     */
    public Reservation reserveAfter(Runnable deposit, String userId, String tokenId, @Nullable Long tokenLimitNanoUsd,
                                    String requestId, String model, long amountNanoUsd) {
        TokenAllowances allowances = byToken.computeIfAbsent(tokenId, id -> new TokenAllowances());
        allowances.lock.lock();
        try {
            deposit.run();
            AllowanceState current = allowances.current;
            if (current == null || !current.canReserve(amountNanoUsd)) {
                if (current != null) {
                    allowances.draining.add(current);
                    allowances.current = null;
                    closeDrained(allowances);
                }
                current = fund(userId, tokenId, tokenLimitNanoUsd, amountNanoUsd);
                allowances.current = current;
            }
            appender.append(messages(current, current.reserve(requestId, model, amountNanoUsd, clock.instant())));
            return new Reservation(requestId, tokenId, current, amountNanoUsd);
        } finally {
            allowances.lock.unlock();
        }
    }

    /** Charges the actual cost; the future completes when the charge is durable. */
    public CompletableFuture<Void> post(Reservation reservation, Charge charge) {
        return resolve(reservation, state -> state.post(reservation.requestId(), charge));
    }

    /** Releases the reservation without a charge; the future completes when that is durable. */
    public CompletableFuture<Void> voidReservation(Reservation reservation, String reason) {
        return resolve(reservation, state -> state.voidReservation(reservation.requestId(), reason));
    }

    private CompletableFuture<Void> resolve(Reservation reservation,
                                            java.util.function.Function<AllowanceState,
                                                    List<AllowanceState.Sequenced>> decision) {
        TokenAllowances allowances = byToken.get(reservation.tokenId());
        allowances.lock.lock();
        try {
            AllowanceState state = reservation.allowance();
            CompletableFuture<Void> durable = appender.append(messages(state, decision.apply(state)));
            closeDrained(allowances);
            return durable;
        } finally {
            allowances.lock.unlock();
        }
    }

    /**
     * Closes the token's current tranche when nothing is pending on it and returns its remainder to the wallet before
     * this returns. For agents paying with x402: their credit must sit in the wallet, where every node sees it, not in
     * one node's tranche.
     */
    public void returnRemainder(String tokenId) {
        TokenAllowances allowances = byToken.get(tokenId);
        if (allowances == null) {
            return;
        }
        AllowanceState idle = null;
        allowances.lock.lock();
        try {
            if (allowances.current != null && allowances.current.pendingRequests().isEmpty()) {
                idle = allowances.current;
                allowances.current = null;
            }
        } finally {
            allowances.lock.unlock();
        }
        if (idle != null) {
            closeAndReturn(idle);
        }
    }

    /** Closes every tranche of this node that has nothing pending and returns its remainder (on shutdown). */
    public void closeAll() {
        for (TokenAllowances allowances : byToken.values()) {
            allowances.lock.lock();
            try {
                if (allowances.current != null) {
                    allowances.draining.add(allowances.current);
                    allowances.current = null;
                }
                closeDrained(allowances);
            } finally {
                allowances.lock.unlock();
            }
        }
    }

    /** Closes an allowance that is no longer in use and gives its remainder back, waiting for both to be durable. */
    public void closeAndReturn(AllowanceState state) {
        appender.append(messages(state, state.close())).join();
        commands.sendAndWait(new ReturnAllowanceCommand(state.userId(), state.allowanceId(),
                state.grantedNanoUsd() - state.spentNanoUsd(), UUID.randomUUID().toString()));
    }

    private void closeDrained(TokenAllowances allowances) {
        allowances.draining.removeIf(state -> {
            if (!state.pendingRequests().isEmpty()) {
                return false;
            }
            CompletableFuture<Void> closed = appender.append(messages(state, state.close()));
            long remaining = state.grantedNanoUsd() - state.spentNanoUsd();
            closed.thenRun(() -> commands.send(new ReturnAllowanceCommand(state.userId(), state.allowanceId(),
                            remaining, UUID.randomUUID().toString()))
                    .exceptionally(failure -> {
                        // Recovery at the next start returns it; the money stays visible in the allowance meanwhile.
                        log.warn("Returning allowance {} failed: {}", state.allowanceId(), failure.toString());
                        return null;
                    }));
            return true;
        });
    }

    private AllowanceState fund(String userId, String tokenId, @Nullable Long tokenLimitNanoUsd, long neededNanoUsd) {
        long amount = Math.max(neededNanoUsd, trancheNanoUsd);
        try {
            return fundExactly(userId, tokenId, tokenLimitNanoUsd, amount);
        } catch (InsufficientFundsException short1) {
            if (short1.availableNanoUsd() >= neededNanoUsd && neededNanoUsd > 0) {
                try {
                    return fundExactly(userId, tokenId, tokenLimitNanoUsd, short1.availableNanoUsd());
                } catch (InsufficientFundsException short2) {
                    throw paymentRequired(short2, neededNanoUsd);
                }
            }
            throw paymentRequired(short1, neededNanoUsd);
        }
    }

    private AllowanceState fundExactly(String userId, String tokenId, @Nullable Long tokenLimitNanoUsd, long amount) {
        String allowanceId = UUID.randomUUID().toString();
        try {
            commands.sendAndWait(new FundAllowanceCommand(userId, allowanceId, tokenId, node.nodeId(), amount,
                    tokenLimitNanoUsd, UUID.randomUUID().toString()));
        } catch (AggregateNotFoundException noWallet) {
            throw new InsufficientFundsException(false, 0);
        }
        live.add(allowanceId);
        return AllowanceState.open(allowanceId, userId, tokenId, amount);
    }

    /** Whether this process funded the allowance (recovery must leave those alone). */
    public boolean isLive(String allowanceId) {
        return live.contains(allowanceId);
    }

    private static PaymentRequiredException paymentRequired(InsufficientFundsException e, long neededNanoUsd) {
        String needed = NanoUsd.toUsdString(neededNanoUsd);
        String available = NanoUsd.toUsdString(e.availableNanoUsd());
        return new PaymentRequiredException(e.tokenLimit()
                ? "This API token's spending limit is reached: the request may cost up to $" + needed
                + ", the token has $" + available + " left."
                : "Insufficient balance: the request may cost up to $" + needed + ", the balance is $"
                + available + ". Top up to continue.");
    }

    static List<EventMessage<?>> messages(AllowanceState state, List<AllowanceState.Sequenced> events) {
        List<EventMessage<?>> messages = new ArrayList<>(events.size());
        for (AllowanceState.Sequenced event : events) {
            messages.add(new GenericDomainEventMessage<>(AllowanceState.AGGREGATE_TYPE, state.allowanceId(),
                    event.sequence(), event.payload()));
        }
        return messages;
    }
}

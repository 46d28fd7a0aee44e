package io.llm402.domain.ledger;

import io.llm402.domain.ledger.api.DepositAndFundAllowanceCommand;
import io.llm402.domain.ledger.api.DepositPaymentCommand;
import io.llm402.domain.ledger.api.FundAllowanceCommand;
import io.llm402.domain.ledger.api.FundingOutcome;
import io.llm402.domain.ledger.api.LedgerNodes;
import io.llm402.domain.ledger.api.LedgerSettings;
import io.llm402.domain.ledger.api.Reservation;
import io.llm402.domain.ledger.api.ReserveOutcome;
import io.llm402.domain.ledger.api.ReserveUsage;
import io.llm402.domain.ledger.api.ReturnAllowanceCommand;
import io.llm402.domain.ledger.api.Shortfall;
import io.llm402.domain.ledger.api.UsageLedger;
import io.llm402.domain.metering.api.Charge;
import io.llm402.domain.shared.GroupCommit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's allowances, one current tranche per API token (plus tranches draining their last requests): the
 * lifecycle of {@link Allowance} — fund, reserve, post or void, drain, close, return — and the repository that an
 * Axon aggregate would otherwise have (decision record 1 in {@code docs/architecture.md}). A request reserves on the
 * current tranche in memory and its events go to the {@link GroupCommit}; the wallet aggregate is touched only to
 * fund a new tranche or to take back a closed one's remainder.
 */
public final class AllowanceBook implements UsageLedger {

    /** A tranche holds at least this many times the request that opens it, so dear models do not fund per request. */
    static final long TRANCHE_REQUESTS = 8;
    /** A wallet command that lost a race with another node is tried this many times in all. */
    static final int WALLET_ATTEMPTS = 4;

    private static final Logger log = LoggerFactory.getLogger(AllowanceBook.class);

    private final CommandGateway commands;
    private final LedgerNodes nodes;
    private final GroupCommit groupCommit;
    private final LedgerSettings settings;
    private final Clock clock;
    private final Map<String, TokenAllowances> byToken = new ConcurrentHashMap<>();
    /** Every allowance this process funded and has not closed, by id. */
    private final Map<String, Allowance> live = new ConcurrentHashMap<>();
    private final Set<String> fundedHere = ConcurrentHashMap.newKeySet();

    public AllowanceBook(CommandGateway commands, GroupCommit groupCommit, LedgerSettings settings, Clock clock) {
        this(commands, groupCommit, settings, clock, () -> 1);
    }

    public AllowanceBook(CommandGateway commands, GroupCommit groupCommit, LedgerSettings settings, Clock clock,
                         LedgerNodes nodes) {
        this.nodes = nodes;
        this.commands = commands;
        this.groupCommit = groupCommit;
        this.settings = settings;
        this.clock = clock;
    }

    /** The allowances of one token on this node; its lock serialises every decision on them. */
    private static final class TokenAllowances {
        final ReentrantLock lock = new ReentrantLock();
        @Nullable Allowance current;
        final List<Allowance> draining = new ArrayList<>();
    }

    @Override
    public ReserveOutcome reserve(ReserveUsage request) {
        return reserve(null, request);
    }

    @Override
    public ReserveOutcome depositAndReserve(DepositPaymentCommand deposit, ReserveUsage request) {
        return reserve(deposit, request);
    }

    private ReserveOutcome reserve(@Nullable DepositPaymentCommand deposit, ReserveUsage request) {
        TokenAllowances allowances = byToken.computeIfAbsent(request.tokenId(), id -> new TokenAllowances());
        allowances.lock.lock();
        try {
            Allowance current = allowances.current;
            if (current == null || !current.canReserve(request.amountNanoUsd())) {
                if (current != null) {
                    allowances.draining.add(current);
                    allowances.current = null;
                    closeDrained(allowances);
                }
                // A payment is deposited by the same wallet command that funds its request: no other node can
                // fund a tranche from it in between.
                ReserveOutcome.Refused refused = fund(allowances, request, deposit);
                if (refused != null) {
                    return refused;
                }
                current = allowances.current;
            } else if (deposit != null) {
                deposit(deposit);
            }
            groupCommit.append(messages(current, current.reserve(request.requestId(), request.model(),
                    request.amountNanoUsd(), clock.instant())));
            return new ReserveOutcome.Reserved(new Reservation(request.requestId(), request.tokenId(),
                    current.allowanceId(), request.amountNanoUsd()));
        } finally {
            allowances.lock.unlock();
        }
    }

    /**
     * Money moved on chain: recording it must not be lost to one failed command (a conflict, a busy database). The
     * deposit is idempotent per payment, so a retry never deposits twice.
     */
    private void deposit(DepositPaymentCommand deposit) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                commands.sendAndWait(deposit);
                return;
            } catch (RuntimeException e) {
                last = e;
                log.warn("Could not deposit payment {} (attempt {}): {}", deposit.transferId(), attempt, e.toString());
            }
        }
        throw last;
    }

    @Override
    public CompletableFuture<Void> post(Reservation reservation, Charge charge) {
        return resolve(reservation, allowance -> allowance.post(reservation.requestId(), charge));
    }

    @Override
    public CompletableFuture<Void> voidReservation(Reservation reservation, String reason) {
        return resolve(reservation, allowance -> allowance.voidReservation(reservation.requestId(), reason));
    }

    private CompletableFuture<Void> resolve(Reservation reservation,
                                            Function<Allowance, List<Allowance.Sequenced>> decision) {
        TokenAllowances allowances = byToken.get(reservation.tokenId());
        Allowance allowance = live.get(reservation.allowanceId());
        if (allowances == null || allowance == null) {
            // Expired by the sweep and closed since: nothing is pending any more, so nothing is charged.
            log.warn("Request {} resolved after its allowance {} was closed; nothing recorded",
                    reservation.requestId(), reservation.allowanceId());
            return CompletableFuture.completedFuture(null);
        }
        allowances.lock.lock();
        try {
            CompletableFuture<Void> durable = groupCommit.append(messages(allowance, decision.apply(allowance)));
            closeDrained(allowances);
            return durable;
        } finally {
            allowances.lock.unlock();
        }
    }

    @Override
    public void returnRemainder(String tokenId) {
        TokenAllowances allowances = byToken.get(tokenId);
        if (allowances == null) {
            return;
        }
        Allowance idle = null;
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

    @Override
    public int returnIdle(String userId) {
        List<Allowance> idle = new ArrayList<>();
        for (TokenAllowances allowances : byToken.values()) {
            allowances.lock.lock();
            try {
                Allowance current = allowances.current;
                if (current != null && current.userId().equals(userId) && current.pendingRequests().isEmpty()) {
                    idle.add(current);
                    allowances.current = null;
                }
            } finally {
                allowances.lock.unlock();
            }
        }
        idle.forEach(this::closeAndReturn);
        return idle.size();
    }

    /**
     * Expires every reservation of this node still pending after the reservation timeout (its request is stuck or
     * its thread lost), then closes what drained. Run on a schedule; the answer is how many expired.
     */
    public int expireStale() {
        Instant cutoff = clock.instant().minus(settings.reservationTimeout());
        int expired = 0;
        for (TokenAllowances allowances : byToken.values()) {
            allowances.lock.lock();
            try {
                List<Allowance> all = new ArrayList<>(allowances.draining);
                if (allowances.current != null) {
                    all.add(allowances.current);
                }
                for (Allowance allowance : all) {
                    for (String requestId : allowance.reservedBefore(cutoff)) {
                        groupCommit.append(messages(allowance, allowance.expire(requestId,
                                "still pending after " + settings.reservationTimeout())));
                        expired++;
                    }
                }
                closeDrained(allowances);
            } finally {
                allowances.lock.unlock();
            }
        }
        if (expired > 0) {
            log.warn("Expired {} reservation(s) pending longer than {}", expired, settings.reservationTimeout());
        }
        return expired;
    }

    /** Closes every allowance of this node that has nothing pending and returns its remainder, waiting for it. */
    public void closeAll() {
        List<CompletableFuture<?>> returned = new ArrayList<>();
        for (TokenAllowances allowances : byToken.values()) {
            allowances.lock.lock();
            try {
                if (allowances.current != null) {
                    allowances.draining.add(allowances.current);
                    allowances.current = null;
                }
                returned.addAll(closeDrained(allowances));
            } finally {
                allowances.lock.unlock();
            }
        }
        try {
            CompletableFuture.allOf(returned.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            log.warn("Returning allowances at shutdown failed ({}); recovery at the next start returns them",
                    e.toString());
        }
    }

    /** Closes an allowance that is no longer in use and gives its remainder back, waiting for both to be durable. */
    void closeAndReturn(Allowance allowance) {
        groupCommit.append(messages(allowance, allowance.close())).join();
        live.remove(allowance.allowanceId());
        sendToWallet(returnCommand(allowance));
    }

    /** Whether this process funded the allowance (recovery must leave those alone). */
    boolean fundedHere(String allowanceId) {
        return fundedHere.contains(allowanceId);
    }

    private List<CompletableFuture<?>> closeDrained(TokenAllowances allowances) {
        List<CompletableFuture<?>> returned = new ArrayList<>();
        allowances.draining.removeIf(allowance -> {
            if (!allowance.pendingRequests().isEmpty()) {
                return false;
            }
            CompletableFuture<Void> closed = groupCommit.append(messages(allowance, allowance.close()));
            live.remove(allowance.allowanceId());
            returned.add(closed.thenCompose(done -> sendToWalletAsync(returnCommand(allowance), 1))
                    .exceptionally(failure -> {
                        // Recovery at the next start returns it; the money stays visible in the allowance meanwhile.
                        log.warn("Returning allowance {} failed: {}", allowance.allowanceId(), failure.toString());
                        return null;
                    }));
            return true;
        });
        return returned;
    }

    private static ReturnAllowanceCommand returnCommand(Allowance allowance) {
        return new ReturnAllowanceCommand(allowance.userId(), allowance.allowanceId(),
                allowance.grantedNanoUsd() - allowance.spentNanoUsd(), UUID.randomUUID().toString());
    }

    /**
     * Funds the token's next allowance: {@link #TRANCHE_REQUESTS} times the request, at least the configured tranche,
     * else as much as the wallet or the token's limit allows when that still covers the request.
     */
    private ReserveOutcome.@Nullable Refused fund(TokenAllowances allowances, ReserveUsage request,
                                                  @Nullable DepositPaymentCommand deposit) {
        long needed = request.amountNanoUsd();
        long wanted = Math.max(settings.trancheNanoUsd(), saturatedTimes(needed, TRANCHE_REQUESTS));
        FundingOutcome outcome = fundExactly(allowances, request, wanted, deposit);
        if (outcome instanceof FundingOutcome.Refused refused && refused.availableNanoUsd() >= needed
                && refused.availableNanoUsd() > 0) {
            // The deposit, if any, is in the wallet already (a refused funding keeps it).
            outcome = fundExactly(allowances, request, refused.availableNanoUsd(), null);
        }
        return switch (outcome) {
            case FundingOutcome.Funded funded -> null;
            case FundingOutcome.Refused refused -> new ReserveOutcome.Refused(refused.shortfall(), needed,
                    refused.availableNanoUsd());
        };
    }

    private FundingOutcome fundExactly(TokenAllowances allowances, ReserveUsage request, long amountNanoUsd,
                                       @Nullable DepositPaymentCommand deposit) {
        if (amountNanoUsd <= 0) {
            if (deposit != null) {
                deposit(deposit);
            }
            return new FundingOutcome.Refused(Shortfall.BALANCE, 0);
        }
        String allowanceId = UUID.randomUUID().toString();
        int nodeCount = nodes.count();
        // In a cluster a node takes at most a share of a small balance, leaving the rest for the other nodes.
        FundAllowanceCommand funding = new FundAllowanceCommand(request.userId(), allowanceId, request.tokenId(),
                settings.nodeId(), amountNanoUsd, request.tokenLimitNanoUsd(), UUID.randomUUID().toString(),
                Math.clamp(request.amountNanoUsd(), 1, amountNanoUsd), nodeCount > 1 ? 2 * nodeCount : 1);
        FundingOutcome outcome;
        try {
            outcome = sendToWallet(deposit == null ? funding : new DepositAndFundAllowanceCommand(deposit, funding));
        } catch (RuntimeException e) {
            if (deposit != null) {
                deposit(deposit); // money moved on chain is recorded even when the funding failed
            }
            throw e;
        }
        if (outcome instanceof FundingOutcome.Funded(long funded)) {
            Allowance allowance = Allowance.open(allowanceId, request.userId(), request.tokenId(), funded);
            fundedHere.add(allowanceId);
            live.put(allowanceId, allowance);
            allowances.current = allowance;
        }
        return outcome;
    }

    /**
     * Sends a wallet command, again when it lost a race: nodes funding and returning allowances of one user append to
     * the same wallet stream, and the loser of a sequence number gets a {@link ConcurrencyException} with nothing of
     * its attempt stored, so trying again on the wallet's new state is safe.
     */
    private <R> R sendToWallet(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command);
            } catch (RuntimeException e) {
                if (attempt >= WALLET_ATTEMPTS || !lostRace(e)) {
                    throw e;
                }
            }
        }
    }

    private CompletableFuture<Object> sendToWalletAsync(Object command, int attempt) {
        return commands.send(command).exceptionallyCompose(failure -> attempt < WALLET_ATTEMPTS && lostRace(failure)
                ? sendToWalletAsync(command, attempt + 1) : CompletableFuture.failedFuture(failure));
    }

    private static boolean lostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    private static long saturatedTimes(long amount, long factor) {
        return amount > Long.MAX_VALUE / factor ? Long.MAX_VALUE : amount * factor;
    }

    /** Queues an allowance's new events for the next group commit. */
    CompletableFuture<Void> append(Allowance allowance, List<Allowance.Sequenced> events) {
        return groupCommit.append(messages(allowance, events));
    }

    static List<EventMessage<?>> messages(Allowance allowance, List<Allowance.Sequenced> events) {
        List<EventMessage<?>> messages = new ArrayList<>(events.size());
        for (Allowance.Sequenced event : events) {
            messages.add(new GenericDomainEventMessage<>(Allowance.AGGREGATE_TYPE, allowance.allowanceId(),
                    event.sequence(), event.payload()));
        }
        return messages;
    }
}

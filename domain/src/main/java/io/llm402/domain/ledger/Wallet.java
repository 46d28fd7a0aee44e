package io.llm402.domain.ledger;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.ledger.api.AllowanceFundedEvent;
import io.llm402.domain.ledger.api.AllowanceReturnedEvent;
import io.llm402.domain.ledger.api.CreditWalletCommand;
import io.llm402.domain.ledger.api.DebitWalletCommand;
import io.llm402.domain.ledger.api.DepositAndFundAllowanceCommand;
import io.llm402.domain.ledger.api.DepositPaymentCommand;
import io.llm402.domain.ledger.api.FundAllowanceCommand;
import io.llm402.domain.ledger.api.FundingOutcome;
import io.llm402.domain.ledger.api.FundsDepositedEvent;
import io.llm402.domain.ledger.api.FundsWithdrawnEvent;
import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.ReturnAllowanceCommand;
import io.llm402.domain.ledger.api.SetGrantedBalanceCommand;
import io.llm402.domain.ledger.api.Shortfall;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.ledger.api.WalletOpenedEvent;
import io.llm402.domain.shared.DefinitionOutcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/** A user's wallet: the one money account with an invariant (its balance never goes below zero). */
@Aggregate
class Wallet {

    @AggregateIdentifier
    private @Nullable String walletId;
    private long balanceNanoUsd;
    private long grantedNanoUsd;
    /** Funded and not yet returned, per allowance; few at a time (a token holds one or two). */
    private final Map<String, AllowanceFundedEvent> openAllowances = new HashMap<>();
    /** Funded minus returned, per token: what the token has spent or holds. Checked against its limit. */
    private final Map<String, Long> committedByToken = new HashMap<>();
    /** Payments already deposited, by transfer id: a payment becomes balance once. */
    private final Set<String> appliedTransfers = new HashSet<>();

    Wallet() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(SetGrantedBalanceCommand command) {
        boolean created = walletId == null;
        if (created) {
            apply(new WalletOpenedEvent(command.walletId(), command.userId()));
        }
        GrantAdjustment adjustment = GrantAdjustment.between(grantedNanoUsd, command.grantedNanoUsd(), balanceNanoUsd);
        String wallet = LedgerAccounts.wallet(command.userId());
        if (adjustment.depositNanoUsd() > 0) {
            apply(new FundsDepositedEvent(command.walletId(), command.transferId(), LedgerAccounts.PROMO_ISSUANCE,
                    wallet, adjustment.depositNanoUsd(), TransferCode.GRANT));
        } else if (adjustment.withdrawalNanoUsd() > 0) {
            apply(new FundsWithdrawnEvent(command.walletId(), command.transferId(), wallet,
                    LedgerAccounts.PROMO_ISSUANCE, adjustment.withdrawalNanoUsd(), TransferCode.GRANT_REVERSAL));
        }
        return DefinitionOutcome.of(created, adjustment.moves());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DepositPaymentCommand command) {
        deposit(command);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FundingOutcome handle(DepositAndFundAllowanceCommand command) {
        deposit(command.deposit());
        return fund(command.funding());
    }

    private void deposit(DepositPaymentCommand command) {
        if (walletId == null) {
            apply(new WalletOpenedEvent(command.walletId(), command.userId()));
        }
        if (appliedTransfers.contains(command.transferId())) {
            return;
        }
        apply(new FundsDepositedEvent(command.walletId(), command.transferId(), LedgerAccounts.X402_CLEARING,
                LedgerAccounts.wallet(command.userId()), command.amountNanoUsd(), command.code()));
    }

    /**
     * A redemption, an admin's correction or an imported balance; the transfer id makes a repeated command credit
     * nothing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(CreditWalletCommand command) {
        boolean created = walletId == null;
        if (created) {
            apply(new WalletOpenedEvent(command.walletId(), command.userId()));
        }
        if (appliedTransfers.contains(command.transferId())) {
            return DefinitionOutcome.UNCHANGED;
        }
        String source = switch (command.code()) {
            case REDEMPTION -> LedgerAccounts.REDEMPTIONS;
            case IMPORTED_BALANCE -> LedgerAccounts.IMPORTED_BALANCES;
            default -> LedgerAccounts.ADJUSTMENTS;
        };
        apply(new FundsDepositedEvent(command.walletId(), command.transferId(), source,
                LedgerAccounts.wallet(command.userId()), command.amountNanoUsd(), command.code()));
        return DefinitionOutcome.of(created, true);
    }

    /** An admin's correction downwards: refused, moving nothing, when the wallet holds less. */
    @CommandHandler
    boolean handle(DebitWalletCommand command) {
        if (appliedTransfers.contains(command.transferId())) {
            return true;
        }
        if (balanceNanoUsd < command.amountNanoUsd()) {
            return false;
        }
        apply(new FundsWithdrawnEvent(command.walletId(), command.transferId(),
                LedgerAccounts.wallet(command.userId()), LedgerAccounts.ADJUSTMENTS, command.amountNanoUsd(), TransferCode.ADJUSTMENT));
        return true;
    }

    /** A user without a wallet has nothing to fund from: refused like an empty wallet, and no wallet is made. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FundingOutcome handle(FundAllowanceCommand command) {
        return fund(command);
    }

    private FundingOutcome fund(FundAllowanceCommand command) {
        if (walletId == null) {
            return new FundingOutcome.Refused(Shortfall.BALANCE, 0);
        }
        AllowanceFundedEvent funded = openAllowances.get(command.allowanceId());
        if (funded != null) {
            return new FundingOutcome.Funded(funded.amountNanoUsd());
        }
        FundingOutcome outcome = FundingDecision.decide(balanceNanoUsd,
                committedByToken.getOrDefault(command.tokenId(), 0L), command.amountNanoUsd(),
                command.minimumNanoUsd(), command.balanceShare(), command.tokenLimitNanoUsd());
        if (!(outcome instanceof FundingOutcome.Funded(long amount))) {
            return outcome;
        }
        apply(new AllowanceFundedEvent(walletId, command.userId(), command.allowanceId(), command.tokenId(),
                command.ownerNode(), command.transferId(), LedgerAccounts.wallet(command.userId()),
                LedgerAccounts.allowance(command.allowanceId()), amount, TransferCode.ALLOWANCE_FUNDING));
        return outcome;
    }

    @CommandHandler
    void handle(ReturnAllowanceCommand command) {
        AllowanceFundedEvent funded = openAllowances.get(command.allowanceId());
        if (funded == null) {
            return;
        }
        if (command.remainingNanoUsd() > funded.amountNanoUsd()) {
            throw new IllegalArgumentException("an allowance cannot return more than it was funded with");
        }
        apply(new AllowanceReturnedEvent(walletId, command.allowanceId(), funded.tokenId(), command.transferId(),
                LedgerAccounts.allowance(command.allowanceId()), LedgerAccounts.wallet(command.userId()),
                command.remainingNanoUsd(), TransferCode.ALLOWANCE_RETURN));
    }

    @EventSourcingHandler
    void on(AllowanceFundedEvent event) {
        balanceNanoUsd = Math.subtractExact(balanceNanoUsd, event.amountNanoUsd());
        committedByToken.merge(event.tokenId(), event.amountNanoUsd(), Math::addExact);
        openAllowances.put(event.allowanceId(), event);
    }

    @EventSourcingHandler
    void on(AllowanceReturnedEvent event) {
        balanceNanoUsd = Math.addExact(balanceNanoUsd, event.amountNanoUsd());
        committedByToken.merge(event.tokenId(), -event.amountNanoUsd(), Math::addExact);
        openAllowances.remove(event.allowanceId());
    }

    @EventSourcingHandler
    void on(WalletOpenedEvent event) {
        walletId = event.walletId();
    }

    @EventSourcingHandler
    void on(FundsDepositedEvent event) {
        balanceNanoUsd = Math.addExact(balanceNanoUsd, event.amountNanoUsd());
        if (event.code() == TransferCode.GRANT) {
            grantedNanoUsd = Math.addExact(grantedNanoUsd, event.amountNanoUsd());
        } else {
            appliedTransfers.add(event.transferId());
        }
    }

    @EventSourcingHandler
    void on(FundsWithdrawnEvent event) {
        balanceNanoUsd = Math.subtractExact(balanceNanoUsd, event.amountNanoUsd());
        if (event.code() == TransferCode.GRANT_REVERSAL) {
            grantedNanoUsd = Math.subtractExact(grantedNanoUsd, event.amountNanoUsd());
        } else if (event.code() == TransferCode.ADJUSTMENT) {
            appliedTransfers.add(event.transferId());
        }
    }
}

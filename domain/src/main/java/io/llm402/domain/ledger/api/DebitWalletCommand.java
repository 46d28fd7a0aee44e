package io.llm402.domain.ledger.api;

import io.llm402.domain.shared.NaturalIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin's correction of a user's balance downwards, to the adjustments account. Answers {@code false}, moving
 * nothing, when the wallet holds less than the amount (it never goes below zero).
 */
public record DebitWalletCommand(String userId, String transferId, long amountNanoUsd) {

    public DebitWalletCommand {
        if (amountNanoUsd <= 0) {
            throw new IllegalArgumentException("a debit is a positive amount");
        }
    }

    @TargetAggregateIdentifier
    public String walletId() {
        return NaturalIds.walletId(userId);
    }
}

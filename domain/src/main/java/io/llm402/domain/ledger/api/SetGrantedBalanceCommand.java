package io.llm402.domain.ledger.api;

import io.llm402.domain.shared.NaturalIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Configuration says the user is granted {@code grantedNanoUsd} in total. The first time this deposits it; a higher
 * value deposits the difference, a lower one withdraws the difference (never below zero); an equal one does nothing.
 *
 * @param transferId used for the movement this command causes, if any
 */
public record SetGrantedBalanceCommand(String userId, long grantedNanoUsd, String transferId) {

    @TargetAggregateIdentifier
    public String walletId() {
        return NaturalIds.walletId(userId);
    }

    public SetGrantedBalanceCommand {
        if (grantedNanoUsd < 0) {
            throw new IllegalArgumentException("a granted balance is never negative");
        }
    }
}

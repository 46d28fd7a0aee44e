package io.llm402.domain.ledger.api;

import io.llm402.domain.shared.NaturalIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A closed allowance gives back what it did not spend. Idempotent: an allowance is returned at most once, and only
 * one the wallet funded.
 */
public record ReturnAllowanceCommand(String userId, String allowanceId, long remainingNanoUsd, String transferId) {

    public ReturnAllowanceCommand {
        if (remainingNanoUsd < 0) {
            throw new IllegalArgumentException("a remainder is never negative");
        }
    }

    @TargetAggregateIdentifier
    public String walletId() {
        return NaturalIds.walletId(userId);
    }
}

package io.llm402.domain.account.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Checks a code, and on success does what it was for; answers a {@link SecondFactorOutcome}. A failure is recorded
 * (it counts towards the lock), so the command answers rather than throws.
 *
 * @param purpose {@code ENABLE} takes a TOTP code for the pending secret and puts it in force; {@code LOGIN} takes a
 *                TOTP or a backup code; {@code DISABLE} takes either and turns the second factor off
 */
public record VerifySecondFactorCommand(@TargetAggregateIdentifier String userId, String code, Instant at,
                                        Purpose purpose) {

    public enum Purpose {
        ENABLE,
        LOGIN,
        DISABLE
    }

    @Override
    public String toString() {
        return "VerifySecondFactorCommand[userId=" + userId + ", purpose=" + purpose + "]";
    }
}

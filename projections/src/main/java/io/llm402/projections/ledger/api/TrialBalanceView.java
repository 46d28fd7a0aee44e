package io.llm402.projections.ledger.api;

/**
 * The sum of all posted debits and of all posted credits over every account; double entry means they are equal.
 */
public record TrialBalanceView(long debitsNanoUsd, long creditsNanoUsd, long transfers) {

    public boolean balanced() {
        return debitsNanoUsd == creditsNanoUsd;
    }
}

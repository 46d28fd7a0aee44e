package io.llm402.domain.ledger.api;

/** What {@link UsageLedger#reserve} decided: a value, never an exception, so callers on any node can react to it. */
public sealed interface ReserveOutcome {

    record Reserved(Reservation reservation) implements ReserveOutcome {
    }

    /**
     * @param neededNanoUsd    what the request may cost
     * @param availableNanoUsd what the wallet, or the token's limit, still allows
     */
    record Refused(Shortfall shortfall, long neededNanoUsd, long availableNanoUsd) implements ReserveOutcome {
    }
}

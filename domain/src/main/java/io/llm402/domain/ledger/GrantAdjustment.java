package io.llm402.domain.ledger;

/**
 * The decision behind a changed grant, kept out of the aggregate so it reads as plain arithmetic: raise the grant by
 * depositing the difference, lower it by withdrawing the difference but never more than the wallet holds.
 */
record GrantAdjustment(long depositNanoUsd, long withdrawalNanoUsd) {

    static GrantAdjustment between(long grantedNanoUsd, long targetNanoUsd, long balanceNanoUsd) {
        long delta = Math.subtractExact(targetNanoUsd, grantedNanoUsd);
        if (delta >= 0) {
            return new GrantAdjustment(delta, 0);
        }
        return new GrantAdjustment(0, Math.min(-delta, Math.max(balanceNanoUsd, 0)));
    }

    boolean moves() {
        return depositNanoUsd > 0 || withdrawalNanoUsd > 0;
    }
}

package io.llm402.domain.ledger;

import io.llm402.domain.ledger.api.FundingOutcome;
import io.llm402.domain.ledger.api.Shortfall;
import org.jspecify.annotations.Nullable;

/** Whether a wallet may fund an allowance: the wallet must cover it, and the token must stay within its limit. */
final class FundingDecision {

    private FundingDecision() {
    }

    /**
     * With a balance share above 1, the amount shrinks to that share of the balance (but not below the minimum): a
     * node of a cluster takes a slice of a small balance, not all of it.
     */
    static FundingOutcome decide(long balanceNanoUsd, long committedByTokenNanoUsd, long wantedNanoUsd,
                                 long minimumNanoUsd, int balanceShare, @Nullable Long tokenLimitNanoUsd) {
        long amountNanoUsd = balanceShare <= 1 ? wantedNanoUsd
                : Math.min(wantedNanoUsd, Math.max(minimumNanoUsd, Math.max(0, balanceNanoUsd) / balanceShare));
        return decide(balanceNanoUsd, committedByTokenNanoUsd, amountNanoUsd, tokenLimitNanoUsd);
    }

    static FundingOutcome decide(long balanceNanoUsd, long committedByTokenNanoUsd, long amountNanoUsd,
                                 @Nullable Long tokenLimitNanoUsd) {
        if (tokenLimitNanoUsd != null) {
            long left = Math.max(0, Math.subtractExact(tokenLimitNanoUsd, committedByTokenNanoUsd));
            if (amountNanoUsd > left) {
                return new FundingOutcome.Refused(Shortfall.TOKEN_LIMIT, left);
            }
        }
        if (amountNanoUsd > balanceNanoUsd) {
            return new FundingOutcome.Refused(Shortfall.BALANCE, Math.max(balanceNanoUsd, 0));
        }
        return new FundingOutcome.Funded(amountNanoUsd);
    }
}

package io.llm402.domain.ledger;

import io.llm402.domain.ledger.api.FundingOutcome;
import io.llm402.domain.ledger.api.Shortfall;
import org.jspecify.annotations.Nullable;

/** Whether a wallet may fund an allowance: the wallet must cover it, and the token must stay within its limit. */
final class FundingDecision {

    private FundingDecision() {
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

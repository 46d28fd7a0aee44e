package io.llm402.domain.ledger;

import io.llm402.domain.ledger.api.InsufficientFundsException;
import org.jspecify.annotations.Nullable;

/** Whether a wallet may fund an allowance: the wallet must cover it, and the token must stay within its limit. */
final class FundingDecision {

    private FundingDecision() {
    }

    static void check(long balanceNanoUsd, long committedByTokenNanoUsd, long amountNanoUsd,
                      @Nullable Long tokenLimitNanoUsd) {
        if (tokenLimitNanoUsd != null) {
            long left = Math.max(0, Math.subtractExact(tokenLimitNanoUsd, committedByTokenNanoUsd));
            if (amountNanoUsd > left) {
                throw new InsufficientFundsException(true, left);
            }
        }
        if (amountNanoUsd > balanceNanoUsd) {
            throw new InsufficientFundsException(false, Math.max(balanceNanoUsd, 0));
        }
    }
}

package io.llm402.domain.ledger.api;

import io.llm402.domain.shared.NaturalIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * Moves {@code amountNanoUsd} from the user's wallet into a new allowance that one node spends from, request by
 * request, without touching the wallet again (DESIGN §3). Answered with a {@link FundingOutcome}: refused, as a value,
 * when the wallet cannot cover it or the token's spending limit would be exceeded; funding the same allowance twice
 * funds it once.
 *
 * @param tokenLimitNanoUsd the token's limit at the time of funding; {@code null} is unlimited
 */
public record FundAllowanceCommand(String userId, String allowanceId, String tokenId, String ownerNode,
                                   long amountNanoUsd, @Nullable Long tokenLimitNanoUsd, String transferId) {

    public FundAllowanceCommand {
        if (amountNanoUsd <= 0) {
            throw new IllegalArgumentException("an allowance is funded with a positive amount");
        }
    }

    @TargetAggregateIdentifier
    public String walletId() {
        return NaturalIds.walletId(userId);
    }
}

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
 * @param minimumNanoUsd    the least that is of use (the request that asks for the allowance)
 * @param balanceShare      in a cluster, at most this fraction of the balance goes into one allowance (but never less
 *                          than the minimum), so a small balance leaves money for the other nodes; 1 takes any amount
 */
public record FundAllowanceCommand(String userId, String allowanceId, String tokenId, String ownerNode,
                                   long amountNanoUsd, @Nullable Long tokenLimitNanoUsd, String transferId,
                                   long minimumNanoUsd, int balanceShare) {

    public FundAllowanceCommand {
        if (amountNanoUsd <= 0) {
            throw new IllegalArgumentException("an allowance is funded with a positive amount");
        }
        if (minimumNanoUsd <= 0 || minimumNanoUsd > amountNanoUsd || balanceShare < 1) {
            throw new IllegalArgumentException("0 < minimum ≤ amount and a balance share ≥ 1 are required");
        }
    }

    /** Funds exactly {@code amountNanoUsd} or nothing. */
    public FundAllowanceCommand(String userId, String allowanceId, String tokenId, String ownerNode,
                                long amountNanoUsd, @Nullable Long tokenLimitNanoUsd, String transferId) {
        this(userId, allowanceId, tokenId, ownerNode, amountNanoUsd, tokenLimitNanoUsd, transferId, amountNanoUsd, 1);
    }

    @TargetAggregateIdentifier
    public String walletId() {
        return NaturalIds.walletId(userId);
    }
}

package io.llm402.domain.ledger.api;

/** An allowance funded and not yet returned, as the ledger book knows it; recovery starts from these. */
public record OpenAllowance(String allowanceId, String userId, String tokenId, long grantedNanoUsd) {
}

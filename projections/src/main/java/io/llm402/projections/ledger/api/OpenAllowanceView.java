package io.llm402.projections.ledger.api;

/** An allowance whose remainder has not gone back to its wallet yet. */
public record OpenAllowanceView(String allowanceId, String userId, String tokenId, long grantedNanoUsd,
                                boolean closed) {
}

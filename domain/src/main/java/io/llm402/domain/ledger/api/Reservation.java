package io.llm402.domain.ledger.api;

/** A request's hold on an allowance, from admission to post or void. */
public record Reservation(String requestId, String tokenId, String allowanceId, long amountNanoUsd) {
}

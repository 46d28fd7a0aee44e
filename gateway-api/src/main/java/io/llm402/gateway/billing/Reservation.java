package io.llm402.gateway.billing;

import io.llm402.domain.ledger.api.AllowanceState;

/** A request's hold on an allowance, from admission to post or void. */
public record Reservation(String requestId, String tokenId, AllowanceState allowance, long amountNanoUsd) {
}

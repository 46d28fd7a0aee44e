package io.llm402.domain.ledger.api;

import org.axonframework.serialization.Revision;

/**
 * A reservation was never posted nor voided (the node died mid-request) and was released by the recovery policy:
 * nothing is charged.
 */
@Revision("1")
public record UsageExpiredEvent(String allowanceId, String requestId, String reason) {
}

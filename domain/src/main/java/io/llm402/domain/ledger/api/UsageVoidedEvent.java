package io.llm402.domain.ledger.api;

import org.axonframework.serialization.Revision;

/** A request failed before producing anything billable; its reservation is released, nothing is charged. */
@Revision("1")
public record UsageVoidedEvent(String allowanceId, String requestId, String reason) {
}

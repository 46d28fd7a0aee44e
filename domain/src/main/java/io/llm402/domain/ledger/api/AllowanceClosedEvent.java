package io.llm402.domain.ledger.api;

import org.axonframework.serialization.Revision;

/** An allowance takes no more reservations; {@code remainingNanoUsd} goes back to the wallet. */
@Revision("1")
public record AllowanceClosedEvent(String allowanceId, long spentNanoUsd, long remainingNanoUsd) {
}

package io.llm402.domain.ledger.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A request was admitted: its maximum cost is held in the allowance (a pending transfer) before the upstream call.
 * The request id is the idempotency key of everything that follows.
 */
@Revision("1")
public record UsageReservedEvent(String allowanceId, String requestId, String userId, String tokenId, String model,
                                 long amountNanoUsd, Instant reservedAt) {
}

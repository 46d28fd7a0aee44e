package io.llm402.domain.redemption.api;

import org.axonframework.serialization.Revision;

/** A user redeemed the code; the amount is credited to their wallet by a ledger transfer with the code's id. */
@Revision("1")
public record RedemptionCodeRedeemedEvent(String codeId, String userId, long amountNanoUsd) {
}

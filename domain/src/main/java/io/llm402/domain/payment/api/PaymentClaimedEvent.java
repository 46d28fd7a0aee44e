package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A signed x402 authorization was claimed for a request or a top-up; it can never be claimed again. */
@Revision("1")
public record PaymentClaimedEvent(String paymentId, PaymentPurpose purpose, String requestId, String userId,
                                  String network, String asset, String payer, String nonce, String amountAtomic,
                                  long amountNanoUsd, Instant validBefore, Instant claimedAt) {
}

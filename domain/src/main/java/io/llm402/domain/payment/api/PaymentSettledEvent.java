package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The claimed authorization was settled on chain. The ledger deposit that follows ({@code FundsDepositedEvent} with
 * the payment id as transfer id) is where the money appears.
 */
@Revision("1")
public record PaymentSettledEvent(String paymentId, PaymentPurpose purpose, String userId, String network,
                                  String transaction, String amountAtomic, long amountNanoUsd, Instant settledAt) {
}

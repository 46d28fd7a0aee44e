package io.llm402.domain.payment.api;

import org.axonframework.serialization.Revision;

/**
 * The request a settled payment bought cost less than the payment: {@code creditedNanoUsd} (payment minus charge)
 * stays in the payer's wallet and pays first for the payer's next requests. No money moves here: the whole payment was
 * deposited, the charge posted; this records the split for the receipt.
 */
@Revision("1")
public record PaymentCreditedEvent(String paymentId, String requestId, String userId, long paidNanoUsd,
                                   long chargedNanoUsd, long creditedNanoUsd) {
}

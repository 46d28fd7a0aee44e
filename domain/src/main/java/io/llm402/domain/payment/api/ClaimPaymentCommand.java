package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Claims a signed authorization before anything is done for it. Creating the payment fails when it exists: a replayed
 * or concurrent copy of one signature is refused here.
 *
 * @param userId       who the payment's value goes to: the payer's pseudo user (REQUEST) or the account (TOP_UP)
 * @param amountAtomic the authorized amount in the token's smallest unit, as signed
 */
public record ClaimPaymentCommand(@TargetAggregateIdentifier String paymentId, PaymentPurpose purpose,
                                  String requestId, String userId, String network, String asset, String payer,
                                  String nonce, String amountAtomic, long amountNanoUsd, Instant validBefore,
                                  Instant claimedAt) {
}

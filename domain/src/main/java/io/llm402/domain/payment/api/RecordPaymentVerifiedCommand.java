package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The facilitator found the authorization valid (signature, balance, nonce unused on chain). */
public record RecordPaymentVerifiedCommand(@TargetAggregateIdentifier String paymentId, Instant verifiedAt) {
}

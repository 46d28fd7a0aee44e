package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payer's credit covered the request, so the authorization is not settled. */
public record RecordPaymentCoveredByCreditCommand(@TargetAggregateIdentifier String paymentId, Instant at) {
}

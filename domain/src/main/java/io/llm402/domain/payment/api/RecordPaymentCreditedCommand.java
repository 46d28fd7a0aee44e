package io.llm402.domain.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The request the payment bought was charged {@code chargedNanoUsd}; the rest stays with the payer. */
public record RecordPaymentCreditedCommand(@TargetAggregateIdentifier String paymentId, long chargedNanoUsd) {
}

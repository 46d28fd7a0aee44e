package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment will not be settled; {@code reason} is the protocol's code or a short explanation. */
public record RecordPaymentFailedCommand(@TargetAggregateIdentifier String paymentId, PaymentStage stage,
                                         String reason, Instant failedAt) {
}

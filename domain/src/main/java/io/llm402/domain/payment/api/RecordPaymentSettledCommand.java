package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The authorized transfer happened on chain, in {@code transaction}. */
public record RecordPaymentSettledCommand(@TargetAggregateIdentifier String paymentId, String transaction,
                                          Instant settledAt) {
}

package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The claimed payment was not settled and moved no money; the authorization stays claimed (never reusable). */
@Revision("1")
public record PaymentFailedEvent(String paymentId, PaymentStage stage, String reason, Instant failedAt) {
}

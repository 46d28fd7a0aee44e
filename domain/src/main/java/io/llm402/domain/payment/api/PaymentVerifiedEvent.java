package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The facilitator found the claimed authorization valid. */
@Revision("1")
public record PaymentVerifiedEvent(String paymentId, Instant verifiedAt) {
}

package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The payer's credit (what earlier payments did not cost) covered the request: the signed authorization proved who
 * pays and was claimed, but it is never settled, so nothing moved on chain.
 */
@Revision("1")
public record PaymentCoveredByCreditEvent(String paymentId, String requestId, String userId, Instant at) {
}

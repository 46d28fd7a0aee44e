package io.llm402.domain.payment.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A caller without an API key was answered 402 with payment terms ({@code reason} says why: no payment, or what was
 * wrong with the one sent). Not part of any payment's stream: no payment exists yet.
 */
@Revision("1")
public record PaymentRequiredEvent(String requestId, String resource, String network, String asset, String payTo,
                                   String amountAtomic, String reason, Instant at) {
}

package io.llm402.projections.payments.api;

/** Answers an {@code Optional<PaymentView>}: the x402 payment claimed for a request (or top-up), if any. */
public record FindPaymentForRequestQuery(String requestId) {
}

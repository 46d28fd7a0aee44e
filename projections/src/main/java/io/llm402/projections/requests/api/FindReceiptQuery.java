package io.llm402.projections.requests.api;

/** Answers an {@code Optional<ReceiptView>}. */
public record FindReceiptQuery(String requestId) {
}

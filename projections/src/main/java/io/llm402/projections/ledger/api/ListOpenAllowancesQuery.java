package io.llm402.projections.ledger.api;

/** Answers a {@code List<OpenAllowanceView>} of the allowances a node owns that are not returned yet. */
public record ListOpenAllowancesQuery(String ownerNode) {
}

package io.llm402.projections.ledger.api;

/** Answers a {@code List<NodeAllowancesView>}: the allowances not returned yet, per owning node. */
public record OpenAllowancesByNodeQuery() {
}

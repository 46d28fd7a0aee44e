package io.llm402.projections.ledger.api;

/** Answers a {@code TrialBalanceView}. */
public record FindTrialBalanceQuery() {
}

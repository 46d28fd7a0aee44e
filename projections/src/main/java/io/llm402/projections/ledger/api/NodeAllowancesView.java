package io.llm402.projections.ledger.api;

/** One node's allowances that are not returned yet: how many, and what they were granted in all. */
public record NodeAllowancesView(String node, long open, long grantedNanoUsd) {
}

package io.llm402.projections.ledger.api;

/** Answers a {@code WalletBalanceView}; a user without a wallet has a zero balance. */
public record FindWalletBalanceQuery(String userId) {
}

package io.llm402.projections.ledger.api;

/** A user's wallet balance in nano-USD (posted credits minus posted debits). */
public record WalletBalanceView(String userId, long balanceNanoUsd) {
}

package io.llm402.domain.ledger.api;

/**
 * How many nodes currently fund allowances from the same wallets (the members of the cluster; 1 alone). With several,
 * a node takes only a slice of a small balance, so the others are not left without money.
 */
@FunctionalInterface
public interface LedgerNodes {

    int count();
}

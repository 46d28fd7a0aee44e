package io.llm402.domain.ledger.api;

/** Resolves the allowances a node left open (pending reservations expire, remainders go back to the wallets). */
public interface LedgerRecovery {

    /** This node's allowances from earlier runs; the ledger read model must have caught up first. */
    int recover();

    /** The open allowances of another node known to be gone. */
    int recover(String nodeId);
}

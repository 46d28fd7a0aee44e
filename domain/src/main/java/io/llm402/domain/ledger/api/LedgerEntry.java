package io.llm402.domain.ledger.api;

/**
 * A complete, posted double-entry transfer: {@code amountNanoUsd} leaves {@code debitAccount} and arrives in
 * {@code creditAccount}. Every money event implements this, so the ledger book handles them all the same way.
 */
public interface LedgerEntry {

    /** Unique per movement; the idempotency key of the transfer. */
    String transferId();

    String debitAccount();

    String creditAccount();

    long amountNanoUsd();

    TransferCode code();
}

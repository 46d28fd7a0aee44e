package io.llm402.domain.ledger.api;

/** Why money moved. */
public enum TransferCode {
    /** Balance granted through configuration. */
    GRANT,
    /** Balance withdrawn through configuration (a lowered grant). */
    GRANT_REVERSAL
}

package io.llm402.domain.ledger.api;

/** Why money moved. */
public enum TransferCode {
    /** Balance granted through configuration. */
    GRANT,
    /** Balance withdrawn through configuration (a lowered grant). */
    GRANT_REVERSAL,
    /** A wallet moves a tranche into an allowance that one node spends from. */
    ALLOWANCE_FUNDING,
    /** What an allowance did not spend goes back to its wallet. */
    ALLOWANCE_RETURN,
    /** A relayed request's charge. */
    USAGE,
    /** An x402 payment for one request, settled on chain: its unused part stays as the payer's credit. */
    X402_PAYMENT,
    /** A balance top-up paid with x402 and settled on chain. */
    X402_TOP_UP,
    /** A redemption code redeemed by a user. */
    REDEMPTION,
    /** An admin's correction of a user's balance, either way, with a reason. */
    ADJUSTMENT,
    /** The balance a user had on the gateway they were imported from (new-api), once per user. */
    IMPORTED_BALANCE
}

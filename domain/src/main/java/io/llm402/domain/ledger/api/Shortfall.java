package io.llm402.domain.ledger.api;

/** Why money could not be set aside. */
public enum Shortfall {
    /** The wallet's balance does not cover it (a user without a wallet has a balance of zero). */
    BALANCE,
    /** The API token's spending limit would be exceeded. */
    TOKEN_LIMIT
}

package io.llm402.domain.ledger.api;

/** The wallet, or the token's spending limit, cannot cover what was asked. */
public class InsufficientFundsException extends RuntimeException {

    private final boolean tokenLimit;
    private final long availableNanoUsd;

    public InsufficientFundsException(boolean tokenLimit, long availableNanoUsd) {
        super(tokenLimit ? "the API token's spending limit is reached" : "insufficient balance");
        this.tokenLimit = tokenLimit;
        this.availableNanoUsd = availableNanoUsd;
    }

    /** {@code true} when the token's limit, not the wallet, is what is short. */
    public boolean tokenLimit() {
        return tokenLimit;
    }

    public long availableNanoUsd() {
        return availableNanoUsd;
    }
}

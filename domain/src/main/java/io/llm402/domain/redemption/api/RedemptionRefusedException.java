package io.llm402.domain.redemption.api;

/** The code cannot be redeemed: used, disabled, expired or deleted. The message is meant for the user. */
public class RedemptionRefusedException extends RuntimeException {

    public RedemptionRefusedException(String message) {
        super(message, null, false, false);
    }
}

package io.llm402.gateway.x402;

/**
 * A payment the protocol refuses, with the machine-readable reason the client gets back (see {@link Reasons}).
 * Checked, so every caller decides which 402 it answers.
 */
public final class X402Exception extends Exception {

    private final String reason;

    public X402Exception(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public X402Exception(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The x402 reason code, e.g. {@code invalid_payload}. */
    public String reason() {
        return reason;
    }
}

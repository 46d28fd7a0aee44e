package io.llm402.gateway.x402;

/**
 * The x402 reason codes this package produces (the spellings of the reference SDK, so clients recognise them).
 * Facilitators may answer with others; treat the set as open.
 */
public final class Reasons {

    public static final String INVALID_PAYLOAD = "invalid_payload";
    public static final String INVALID_NETWORK = "invalid_network";
    public static final String INVALID_X402_VERSION = "invalid_x402_version";
    public static final String INVALID_PAYMENT_REQUIREMENTS = "invalid_payment_requirements";
    public static final String INVALID_SCHEME = "invalid_exact_evm_scheme";
    public static final String FAILED_TO_PARSE_SIGNATURE = "invalid_exact_evm_failed_to_parse_signature";
    public static final String INVALID_SIGNATURE = "invalid_exact_evm_signature";
    public static final String RECIPIENT_MISMATCH = "invalid_exact_evm_recipient_mismatch";
    public static final String VALID_BEFORE = "invalid_exact_evm_payload_authorization_valid_before";
    public static final String VALID_AFTER = "invalid_exact_evm_payload_authorization_valid_after";
    public static final String VALUE_MISMATCH = "invalid_exact_evm_payload_authorization_value_mismatch";
    public static final String SETTLEMENT_PENDING = "settlement_pending";

    private Reasons() {
    }
}

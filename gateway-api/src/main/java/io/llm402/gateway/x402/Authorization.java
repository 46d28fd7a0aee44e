package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * The EIP-3009 {@code TransferWithAuthorization} message as x402 carries it: addresses as 0x-hex, the uint256 values
 * as decimal strings, the nonce as 0x plus 64 hex digits. Only the presence of the fields is checked here; their
 * format is judged by {@link ExactEvmVerifier}, so a malformed value becomes a verification reason, not a decode error.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Authorization(String from, String to, String value, String validAfter, String validBefore,
                            String nonce) {

    public Authorization {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(validAfter, "validAfter");
        Objects.requireNonNull(validBefore, "validBefore");
        Objects.requireNonNull(nonce, "nonce");
    }
}

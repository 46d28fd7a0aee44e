package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * The scheme-specific {@code payload} of an exact/EVM/EIP-3009 payment.
 *
 * @param signature 0x-hex; 65 bytes r‖s‖v for an ordinary account (longer ones are smart wallets, not accepted here)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExactEvmPayload(String signature, Authorization authorization) {

    public ExactEvmPayload {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(authorization, "authorization");
    }
}

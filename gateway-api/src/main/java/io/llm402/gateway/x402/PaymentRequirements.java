package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One way to pay (an {@code accepts} entry of the 402, echoed back as {@code accepted}).
 *
 * @param network CAIP-2, e.g. {@code eip155:8453}
 * @param amount atomic units of {@code asset} as a decimal string; for {@code exact} the exact price
 * @param asset the token contract address
 * @param payTo the recipient address
 * @param maxTimeoutSeconds how long a signed authorization may live (the client sets validBefore = now + this)
 * @param extra scheme data; for exact/EVM the token's EIP-712 {@code name} and {@code version}. Absent means empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentRequirements(String scheme, String network, String amount, String asset, String payTo,
                                  @JsonProperty(required = true) long maxTimeoutSeconds, Map<String, Object> extra) {

    // Jackson passes null for an absent extra, whatever the nullness annotations say.
    public PaymentRequirements {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(payTo, "payTo");
        // A copy that keeps JSON order (the client echoes it) and tolerates null values inside (JSON allows them).
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}

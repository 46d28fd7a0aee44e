package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The content of the {@code PAYMENT-SIGNATURE} header. Unknown properties (such as {@code extensions}) are ignored.
 *
 * @param resource echoed from the 402; not signed, so it proves nothing about which route was paid for
 * @param accepted the requirement the client chose, echoed verbatim; must match one the server would issue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentPayload(@JsonProperty(required = true) int x402Version, @Nullable ResourceInfo resource,
                             PaymentRequirements accepted, ExactEvmPayload payload) {

    public PaymentPayload {
        Objects.requireNonNull(accepted, "accepted");
        Objects.requireNonNull(payload, "payload");
    }
}

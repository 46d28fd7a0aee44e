package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The content of the {@code PAYMENT-REQUIRED} header of a 402.
 *
 * @param error why the previous attempt was refused (a reason code or a short text), absent on the first 402
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentRequired(@JsonProperty(required = true) int x402Version, @Nullable String error,
                              ResourceInfo resource, List<PaymentRequirements> accepts) {

    public PaymentRequired {
        Objects.requireNonNull(resource, "resource");
        accepts = List.copyOf(Objects.requireNonNull(accepts, "accepts"));
    }
}

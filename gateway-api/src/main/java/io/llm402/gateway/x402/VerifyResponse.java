package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** A facilitator's {@code /verify} answer. The JSON name is {@code isValid}, not the bean-style {@code valid}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerifyResponse(@JsonProperty(value = "isValid", required = true) boolean isValid,
                             @Nullable String invalidReason, @Nullable String invalidMessage, @Nullable String payer) {
}

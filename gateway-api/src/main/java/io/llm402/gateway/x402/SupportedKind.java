package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** One (version, scheme, network) a facilitator can verify and settle. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SupportedKind(@JsonProperty(required = true) int x402Version, String scheme, String network) {

    public SupportedKind {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(network, "network");
    }
}

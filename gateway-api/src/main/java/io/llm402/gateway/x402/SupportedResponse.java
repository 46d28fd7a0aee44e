package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;

/** A facilitator's {@code /supported} answer ({@code extensions} and {@code signers} are not needed and ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SupportedResponse(List<SupportedKind> kinds) {

    public SupportedResponse {
        kinds = List.copyOf(Objects.requireNonNull(kinds, "kinds"));
    }

    /** Whether the facilitator lists exactly this kind (checked at start-up for every configured network). */
    public boolean supports(int x402Version, String scheme, String network) {
        return kinds.stream().anyMatch(kind -> kind.x402Version() == x402Version && kind.scheme().equals(scheme)
                && kind.network().equals(network));
    }
}

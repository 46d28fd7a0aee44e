package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The paid resource as the 402 describes it. Echoed by the client but never signed, so never trusted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceInfo(String url, @Nullable String description, @Nullable String mimeType) {

    public ResourceInfo {
        Objects.requireNonNull(url, "url");
    }
}

package io.llm402.projections.access.api;

import java.util.List;
import java.util.Optional;

/** A user's bound identities, in the order they were bound. */
public record Bindings(List<ExternalIdentityView> identities) {

    public Optional<ExternalIdentityView> of(String provider) {
        return identities.stream().filter(identity -> identity.provider().equals(provider)).findFirst();
    }
}

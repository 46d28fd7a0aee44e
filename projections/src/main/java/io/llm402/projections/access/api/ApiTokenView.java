package io.llm402.projections.access.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An API token as the gateway needs it for admission.
 *
 * @param group        {@code null} follows the owner's group
 * @param models       empty allows every model
 * @param limitNanoUsd {@code null} is unlimited
 * @param ownerGroup   the owner's current group, which applies when {@code group} is {@code null}
 * @param disabled      the token is disabled
 * @param ownerDisabled the token's owner is disabled (or deleted)
 * @param number        new-api's numeric token id
 * @param allowIps      exact client IPs or CIDRs the key is accepted from; empty accepts any
 */
public record ApiTokenView(String tokenId, String userId, String name, String keyHint, @Nullable String group,
                           List<String> models, @Nullable Long limitNanoUsd, @Nullable Instant expiresAt,
                           @Nullable String ownerGroup, boolean disabled, boolean ownerDisabled, long number,
                           List<String> allowIps, Instant createdAt) {

    /** The price group requests with this token are billed in. */
    public String effectiveGroup() {
        return group != null ? group : ownerGroup != null ? ownerGroup : "default";
    }
}

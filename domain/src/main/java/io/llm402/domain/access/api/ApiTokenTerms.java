package io.llm402.domain.access.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an API token may do.
 *
 * @param group          the price group; {@code null} follows the owner's group
 * @param models         allowed models; empty allows every model
 * @param limitNanoUsd   spending limit; {@code null} is unlimited
 * @param expiresAt      {@code null} never expires
 * @param allowIps       client addresses the key is accepted from (exact IPs or CIDRs, IPv4 or IPv6); empty accepts
 *                       any. Absent in events written before it existed, which read as empty.
 */
public record ApiTokenTerms(String name, @Nullable String group, List<String> models, @Nullable Long limitNanoUsd,
                            @Nullable Instant expiresAt, List<String> allowIps) {

    public ApiTokenTerms {
        models = List.copyOf(models);
        allowIps = allowIps == null ? List.of() : List.copyOf(allowIps);
        if (limitNanoUsd != null && limitNanoUsd < 0) {
            throw new IllegalArgumentException("a token limit is never negative");
        }
    }

    public ApiTokenTerms(String name, @Nullable String group, List<String> models, @Nullable Long limitNanoUsd,
                         @Nullable Instant expiresAt) {
        this(name, group, models, limitNanoUsd, expiresAt, List.of());
    }
}

package io.llm402.projections.access.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A bound external identity: which provider vouches for which user, under which name. */
public record ExternalIdentityView(String identityId, String provider, String issuer, String subject, String userId,
                                   String display, Instant boundAt, @Nullable Instant lastLoginAt) {
}

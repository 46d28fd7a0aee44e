package io.llm402.gateway.management.auth;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A logged-in user asked to bind this provider (10 minutes to finish). A callback binds only with one: never
 * because a session happens to exist (new-api's bug: a victim's open session bound an attacker's account).
 */
record BindIntent(String userId, String provider, Instant startedAt) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String ATTRIBUTE = "llm402.bind-intent";
    static final Duration VALID = Duration.ofMinutes(10);

    boolean validFor(String wantedProvider, Instant now) {
        return provider.equals(wantedProvider) && startedAt.plus(VALID).isAfter(now);
    }
}

package io.llm402.projections.access.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user as the console and the gateway see it; never the password hash or the access token.
 *
 * @param number           new-api's numeric user id (what {@code New-Api-User} carries)
 * @param credentialsStamp changes whenever the password, the role, the status or a second factor changes: a session
 *                         opened under another stamp is no longer valid
 * @param twoFactor        the second factor's state
 */
public record UserView(String userId, long number, String username, String displayName, @Nullable String email,
                       String role, String group, boolean hasPassword, boolean disabled, boolean deleted,
                       long credentialsStamp, Instant createdAt, TwoFactorState twoFactor) {

    /** Whether a second factor is in force, until when it is locked, how many backup codes are left. */
    public record TwoFactorState(boolean enabled, @Nullable Instant lockedUntil, int backupCodesRemaining) {

        public static final TwoFactorState OFF = new TwoFactorState(false, null, 0);
    }
}

package io.llm402.domain.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user's second factor as the user aggregate keeps it: the sealed TOTP secret, whether it is in force, the last time
 * step accepted (none at or before it is accepted again), the backup codes still unused (hashed; a used one becomes
 * {@code null} so indexes stay), and the run of failures with its lock (5 wrong codes lock for 300 s, as new-api).
 */
final class SecondFactor {

    static final int FAILURES_BEFORE_LOCK = 5;
    static final long LOCK_SECONDS = 300;

    @Nullable String sealedSecret;
    boolean enabled;
    long lastStep = Long.MIN_VALUE;
    List<@Nullable String> backupCodeHashes = new ArrayList<>();
    int failures;
    @Nullable Instant lockedUntil;

    boolean locked(Instant at) {
        return lockedUntil != null && at.isBefore(lockedUntil);
    }

    int remainingBackupCodes() {
        return (int) backupCodeHashes.stream().filter(h -> h != null).count();
    }

    void clear() {
        sealedSecret = null;
        enabled = false;
        backupCodeHashes = new ArrayList<>();
        failures = 0;
        lockedUntil = null;
    }
}

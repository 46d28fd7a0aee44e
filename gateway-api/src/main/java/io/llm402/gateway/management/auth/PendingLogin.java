package io.llm402.gateway.management.auth;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/** A login whose password was right and whose second factor is still to come (5 minutes at most). */
record PendingLogin(String userId, Instant passwordCheckedAt) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String ATTRIBUTE = "llm402.pending-login";
}

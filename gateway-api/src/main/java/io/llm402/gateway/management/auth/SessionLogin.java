package io.llm402.gateway.management.auth;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a login session holds: whose it is and the user's credentials stamp at login. Nothing else, and never the
 * role: that is read per request, and a stamp that moved on (password, role, status changed) ends the session.
 */
public record SessionLogin(String userId, long credentialsStamp) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String ATTRIBUTE = "llm402.login";
}

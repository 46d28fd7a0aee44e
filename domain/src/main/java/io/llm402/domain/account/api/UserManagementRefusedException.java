package io.llm402.domain.account.api;

/**
 * The actor may not do this to this user (an admin acting on an equal or higher role, root being disabled, a name
 * already taken). The message is meant for the caller.
 */
public class UserManagementRefusedException extends RuntimeException {

    private final Reason reason;

    public enum Reason {
        FORBIDDEN,
        CONFLICT,
        NOT_FOUND,
        INVALID
    }

    public UserManagementRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

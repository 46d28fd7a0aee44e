package io.llm402.domain.account.api;

/**
 * Who issues a command: the user acting and their role at that moment. Management commands carry it, so the
 * aggregate decides what the actor may do and the event's metadata records who did it.
 */
public record Actor(String userId, Role role) {

    /** The operator's bootstrap file, applied at start: it may do what root may. */
    public static final Actor BOOTSTRAP = new Actor("bootstrap", Role.ROOT);

    /** The operator's import from a new-api database ({@code import-new-api}). */
    public static final Actor NEW_API_IMPORT = new Actor("import-new-api", Role.ROOT);

    public boolean is(String otherUserId) {
        return userId.equals(otherUserId);
    }
}

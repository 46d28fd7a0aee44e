package io.llm402.projections.access.api;

/** A user as the console and the gateway see it; never the password hash. */
public record UserView(String userId, String username, String role, String group, boolean hasPassword,
                       boolean disabled) {
}

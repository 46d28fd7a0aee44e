package io.llm402.projections.access.api;

/** What a password login checks against. Only the login path reads this: no view carries the hash. */
public record LoginCredentials(String userId, String passwordHash) {

    @Override
    public String toString() {
        return "LoginCredentials[userId=" + userId + ", passwordHash=***]";
    }
}

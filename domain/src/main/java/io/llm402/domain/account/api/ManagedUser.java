package io.llm402.domain.account.api;

/** A user's role and status after a manage action. */
public record ManagedUser(Role role, boolean enabled, boolean deleted) {
}

package io.llm402.domain.account.api;

/** The operator-managed attributes of a user. */
public record UserProfile(String username, Role role, String group) {
}

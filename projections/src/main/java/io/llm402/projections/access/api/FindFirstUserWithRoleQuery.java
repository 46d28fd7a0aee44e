package io.llm402.projections.access.api;

/** Answers an {@code Optional<UserView>}: the earliest user who is not deleted and has this role (a wire name). */
public record FindFirstUserWithRoleQuery(String role) {
}

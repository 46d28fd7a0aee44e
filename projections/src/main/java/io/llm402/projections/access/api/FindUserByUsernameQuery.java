package io.llm402.projections.access.api;

/** Answers an {@code Optional<UserView>}. */
public record FindUserByUsernameQuery(String username) {
}

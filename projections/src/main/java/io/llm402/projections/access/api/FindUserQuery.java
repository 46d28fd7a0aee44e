package io.llm402.projections.access.api;

/** Answers an {@code Optional<UserView>} by user id; deleted users are found too (check {@code deleted()}). */
public record FindUserQuery(String userId) {
}

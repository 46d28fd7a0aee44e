package io.llm402.projections.access.api;

/** Answers an {@code Optional<UserView>} by new-api's numeric id; deleted users are not found. */
public record FindUserByNumberQuery(long number) {
}

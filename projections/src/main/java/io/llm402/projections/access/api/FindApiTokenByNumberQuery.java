package io.llm402.projections.access.api;

/** Answers an {@code Optional<ApiTokenView>} by new-api's numeric token id. */
public record FindApiTokenByNumberQuery(long number) {
}

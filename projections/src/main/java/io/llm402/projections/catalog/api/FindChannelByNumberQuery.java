package io.llm402.projections.catalog.api;

/** Answers an {@code Optional<ChannelAdminView>} by new-api's numeric channel id. */
public record FindChannelByNumberQuery(long number) {
}

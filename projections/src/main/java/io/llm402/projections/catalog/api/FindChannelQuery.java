package io.llm402.projections.catalog.api;

/** Answers an {@code Optional<ChannelAdminView>} by channel id. */
public record FindChannelQuery(String channelId) {
}

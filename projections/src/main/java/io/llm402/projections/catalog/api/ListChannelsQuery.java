package io.llm402.projections.catalog.api;

/** Answers a {@code List<ChannelView>} of every channel, highest priority first. */
public record ListChannelsQuery() {
}

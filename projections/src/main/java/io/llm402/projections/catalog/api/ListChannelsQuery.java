package io.llm402.projections.catalog.api;

/** Answers a {@code List<ChannelView>} of every enabled channel (those the router may use), highest priority first. */
public record ListChannelsQuery() {
}

package io.llm402.projections.catalog.api;

import java.util.List;

/** One page of channels and how many matched in all. */
public record ChannelPage(List<ChannelAdminView> items, long total) {
}

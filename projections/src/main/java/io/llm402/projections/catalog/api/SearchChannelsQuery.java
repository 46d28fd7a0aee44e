package io.llm402.projections.catalog.api;

/**
 * Answers a {@code ChannelPage}, by id ascending: channels whose name, base URL or a model contains {@code keyword}
 * (or whose id it is), all when it is empty.
 */
public record SearchChannelsQuery(String keyword, int offset, int limit) {

    public SearchChannelsQuery {
        if (offset < 0 || limit < 1 || limit > 100) {
            throw new IllegalArgumentException("offset must be ≥ 0 and limit between 1 and 100");
        }
    }
}

package io.llm402.projections.catalog.api;

import java.util.List;

/**
 * A channel to test: its routing view with every key (enabled or not, in order), its status and each key's status
 * (1 enabled, 2 disabled by an admin, 3 disabled automatically), in the same order as the keys.
 */
public record TestableChannel(ChannelView channel, String testModel, int status, List<Integer> keyStatuses) {

    public TestableChannel {
        keyStatuses = List.copyOf(keyStatuses);
    }
}

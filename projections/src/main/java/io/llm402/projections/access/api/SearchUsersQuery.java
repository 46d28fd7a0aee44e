package io.llm402.projections.access.api;

import org.jspecify.annotations.Nullable;

/**
 * Answers a {@code UserPage} of users that are not deleted, by id ascending: those whose username, display name or
 * email contains {@code keyword} (or whose id it is), optionally only in {@code group}.
 */
public record SearchUsersQuery(String keyword, @Nullable String group, int offset, int limit) {

    public SearchUsersQuery {
        if (offset < 0 || limit < 1 || limit > 100) {
            throw new IllegalArgumentException("offset must be ≥ 0 and limit between 1 and 100");
        }
    }
}

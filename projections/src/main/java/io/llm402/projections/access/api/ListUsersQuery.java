package io.llm402.projections.access.api;

/** Answers a {@code List<UserView>} ordered by username, at most {@code limit} after {@code afterUsername}. */
public record ListUsersQuery(String afterUsername, int limit) {

    public static final int MAX_LIMIT = 500;

    public ListUsersQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

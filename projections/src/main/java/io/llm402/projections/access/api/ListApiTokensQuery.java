package io.llm402.projections.access.api;

/**
 * Answers an {@code ApiTokenPage} of one user's tokens, newest first: those whose name contains {@code keyword}
 * (all when empty).
 */
public record ListApiTokensQuery(String userId, String keyword, int offset, int limit) {

    public ListApiTokensQuery {
        if (offset < 0 || limit < 1 || limit > 100) {
            throw new IllegalArgumentException("offset must be ≥ 0 and limit between 1 and 100");
        }
    }
}

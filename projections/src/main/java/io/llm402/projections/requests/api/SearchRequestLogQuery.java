package io.llm402.projections.requests.api;

import org.jspecify.annotations.Nullable;

/**
 * Answers a {@code RequestLogPage}: requests reserved in [{@code fromEpochMs}, {@code toEpochMs}), newest first,
 * narrowed by whatever is given (the user by id or by username, the key's name, the model asked for, the channel by
 * new-api's number). The total is counted up to {@link #COUNT_CAP} rows only, so that no list waits on a full count.
 */
public record SearchRequestLogQuery(@Nullable String userId, @Nullable String username, @Nullable String tokenName,
                                    @Nullable String model, @Nullable Long channelNumber, long fromEpochMs,
                                    long toEpochMs, int offset, int limit) {

    public static final int COUNT_CAP = 10_000;

    public SearchRequestLogQuery {
        if (offset < 0 || limit < 1 || limit > 100) {
            throw new IllegalArgumentException("offset must be ≥ 0 and limit between 1 and 100");
        }
    }
}

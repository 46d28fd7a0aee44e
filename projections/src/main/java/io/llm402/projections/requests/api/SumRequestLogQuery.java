package io.llm402.projections.requests.api;

import org.jspecify.annotations.Nullable;

/**
 * Answers a {@code RequestLogSum} over the same filter as {@link SearchRequestLogQuery} (charged requests only), plus
 * the requests and tokens of the last minute before {@code nowEpochMs} (new-api's RPM and TPM).
 */
public record SumRequestLogQuery(@Nullable String userId, @Nullable String username, @Nullable String tokenName,
                                 @Nullable String model, @Nullable Long channelNumber, long fromEpochMs,
                                 long toEpochMs, long nowEpochMs) {
}

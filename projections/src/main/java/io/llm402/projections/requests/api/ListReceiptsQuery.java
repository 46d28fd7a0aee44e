package io.llm402.projections.requests.api;

import org.jspecify.annotations.Nullable;

/**
 * One token's receipts reserved at or after {@code sinceEpochMs}, oldest first, at most {@code limit}; the next page
 * starts after the last one's ({@code reservedAtEpochMs}, {@code requestId}).
 *
 * @param afterRequestId with {@code afterEpochMs}, the last receipt of the previous page; {@code null} for the first
 */
public record ListReceiptsQuery(String tokenId, long sinceEpochMs, long afterEpochMs, @Nullable String afterRequestId,
                                int limit) {
}

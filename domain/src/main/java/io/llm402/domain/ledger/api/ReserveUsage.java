package io.llm402.domain.ledger.api;

import org.jspecify.annotations.Nullable;

/**
 * A request asking to hold its maximum cost before the upstream call.
 *
 * @param tokenLimitNanoUsd the API token's spending limit; {@code null} is unlimited
 * @param requestId         the idempotency key: reserving the same request twice holds once
 */
public record ReserveUsage(String userId, String tokenId, @Nullable Long tokenLimitNanoUsd, String requestId,
                           String model, long amountNanoUsd) {

    public ReserveUsage {
        if (amountNanoUsd < 0) {
            throw new IllegalArgumentException("a reservation is never negative");
        }
    }
}

package io.llm402.domain.redemption.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a code is worth and until when.
 *
 * @param expiresAt {@code null} never expires
 */
public record RedemptionTerms(String name, long amountNanoUsd, @Nullable Instant expiresAt) {

    public RedemptionTerms {
        if (amountNanoUsd <= 0) {
            throw new IllegalArgumentException("a redemption code is worth a positive amount");
        }
    }
}

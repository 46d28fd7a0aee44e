package io.llm402.projections.redemption.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A redemption code as admins manage it; never its key, only a hint.
 *
 * @param status 1 enabled, 2 disabled, 3 used (new-api's values)
 */
public record RedemptionCodeView(String codeId, long number, String name, String keyHint, long amountNanoUsd,
                                 int status, @Nullable Instant expiresAt, Instant createdAt,
                                 @Nullable Instant redeemedAt, @Nullable String usedUserId) {
}

package io.llm402.projections.redemption.api;

import org.jspecify.annotations.Nullable;

/** Answers an {@code Optional<RedemptionCodeView>} by new-api's numeric id, or else by the digest of the key. */
public record FindRedemptionCodeQuery(@Nullable Long number, @Nullable String keyDigest) {
}

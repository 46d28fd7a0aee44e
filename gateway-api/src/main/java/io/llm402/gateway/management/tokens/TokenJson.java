package io.llm402.gateway.management.tokens;

import io.llm402.gateway.management.QuotaUnits;
import io.llm402.projections.access.api.ApiTokenView;
import java.time.Instant;

/**
 * An API key as new-api's API shows one. {@code key} is a masked hint, except in the answer that created the key.
 *
 * @param status 1 enabled, 2 disabled, 3 expired, 4 exhausted (new-api's values)
 */
record TokenJson(long id, long userId, String key, int status, String name, long createdTime, long accessedTime,
                 long expiredTime, long remainQuota, boolean unlimitedQuota, long usedQuota,
                 boolean modelLimitsEnabled, String modelLimits, String allowIps, String group) {

    static TokenJson of(ApiTokenView token, long ownerNumber, long spentNanoUsd, String shownKey, Instant now) {
        Long limit = token.limitNanoUsd();
        long remaining = limit == null ? 0 : Math.max(0, limit - spentNanoUsd);
        int status = token.disabled() ? 2
                : token.expiresAt() != null && !now.isBefore(token.expiresAt()) ? 3
                : limit != null && remaining == 0 ? 4
                : 1;
        return new TokenJson(token.number(), ownerNumber, shownKey, status, token.name(),
                token.createdAt().getEpochSecond(), 0,
                token.expiresAt() == null ? -1 : token.expiresAt().getEpochSecond(), QuotaUnits.toQuota(remaining),
                limit == null, QuotaUnits.toQuota(spentNanoUsd), !token.models().isEmpty(),
                String.join(",", token.models()), String.join("\n", token.allowIps()),
                token.group() == null ? "" : token.group());
    }
}

package io.llm402.gateway.management.logs;

import io.llm402.domain.shared.NanoUsd;
import io.llm402.gateway.management.QuotaUnits;
import io.llm402.projections.requests.api.RequestLogEntryView;
import org.jspecify.annotations.Nullable;

/**
 * One request in new-api's log shape: {@code type} 2 for a charge, 5 for a request that failed and was not charged
 * (0 while it is still running); {@code quota} in new-api's units, {@code amount_usd} exact. The request id is the id,
 * as LLM402's receipts know it ({@code GET /api/usage/requests/{id}}).
 *
 * @param channel the channel's id, 0 (and no name) in a user's own log
 */
record LogJson(String id, long userId, String username, long createdAt, int type, String phase,
               @Nullable String content, String tokenName, long tokenId, String modelName,
               @Nullable String billedModel, long quota, String amountUsd, long promptTokens, long cachedTokens,
               long cacheWriteTokens, long completionTokens, long reasoningTokens, long channel, String channelName,
               String group) {

    static LogJson of(RequestLogEntryView entry, boolean forAdmin) {
        int type = switch (entry.phase()) {
            case "posted" -> 2;
            case "reserved" -> 0;
            default -> 5;
        };
        return new LogJson(entry.requestId(), entry.userNumber(), entry.username(), entry.reservedAtEpochMs() / 1000,
                type, entry.phase(), entry.reason(), entry.tokenName(), entry.tokenNumber(), entry.model(),
                entry.billedModel(), QuotaUnits.toQuota(entry.amountNanoUsd()),
                NanoUsd.toUsdString(entry.amountNanoUsd()), entry.inputTokens(), entry.cachedTokens(),
                entry.cacheWriteTokens(), entry.outputTokens(), entry.reasoningTokens(),
                forAdmin ? entry.channelNumber() : 0, forAdmin ? entry.channelName() : "",
                entry.tokenGroup() == null ? "" : entry.tokenGroup());
    }
}

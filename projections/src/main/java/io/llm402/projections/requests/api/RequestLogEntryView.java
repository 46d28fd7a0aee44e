package io.llm402.projections.requests.api;

import org.jspecify.annotations.Nullable;

/**
 * One request as the management log shows it, with the names of whose key and which channel it was (blank when
 * they are gone).
 *
 * @param phase {@code reserved} (in flight), {@code posted} (charged), {@code voided} or {@code expired}
 */
public record RequestLogEntryView(String requestId, String userId, long userNumber, String username,
                                  long tokenNumber, String tokenName, @Nullable String tokenGroup, String model,
                                  @Nullable String billedModel, @Nullable String upstreamModel, long channelNumber,
                                  String channelName, String phase, @Nullable String reason, long inputTokens,
                                  long cachedTokens, long cacheWriteTokens, long outputTokens, long reasoningTokens,
                                  long amountNanoUsd, long reservedAtEpochMs) {
}

package io.llm402.projections.requests.api;

import org.jspecify.annotations.Nullable;

/**
 * Which requests of the log: reserved in [{@code fromEpochMs}, {@code toEpochMs}), narrowed by whatever is given —
 * the user by id or by username, the key's name, the model asked for, the channel by new-api's number, the price
 * group the key bills in, and a keyword (in the model or the key's name, or the whole request id).
 */
public record RequestLogFilter(@Nullable String userId, @Nullable String username, @Nullable String tokenName,
                               @Nullable String model, @Nullable Long channelNumber, @Nullable String group,
                               @Nullable String keyword, long fromEpochMs, long toEpochMs) {

    public RequestLogFilter withTime(long from, long to) {
        return new RequestLogFilter(userId, username, tokenName, model, channelNumber, group, keyword, from, to);
    }
}

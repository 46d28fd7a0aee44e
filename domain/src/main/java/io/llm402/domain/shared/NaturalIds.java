package io.llm402.domain.shared;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Aggregate identifiers derived from natural keys (a username, a channel name), so that applying the same
 * configuration twice addresses the same aggregate instead of creating a second one.
 */
public final class NaturalIds {

    private NaturalIds() {
    }

    public static String userId(String username) {
        return derive("user", username);
    }

    public static String tokenId(String username, String tokenName) {
        return derive("token", username + '\u0000' + tokenName);
    }

    public static String channelId(String channelName) {
        return derive("channel", channelName);
    }

    /** Aggregate identifiers share one namespace in the event store, so every kind gets its own prefix. */
    public static String modelPricingId(String model) {
        return "model-price:" + model;
    }

    public static String groupId(String group) {
        return "group:" + group;
    }

    public static String walletId(String userId) {
        return "wallet:" + userId;
    }

    private static String derive(String kind, String naturalKey) {
        return UUID.nameUUIDFromBytes((kind + ':' + naturalKey).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

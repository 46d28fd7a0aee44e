package io.llm402.ops.newapi;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the import reads from a new-api database, table by table, as new-api stores it. */
record NewApiDatabase(List<User> users, List<Token> tokens, List<Channel> channels, List<Redemption> redemptions,
                      Map<String, String> options) {

    NewApiDatabase {
        users = List.copyOf(users);
        tokens = List.copyOf(tokens);
        channels = List.copyOf(channels);
        redemptions = List.copyOf(redemptions);
        options = Map.copyOf(options);
    }

    /**
     * A row of {@code users}.
     *
     * @param role      1 user, 10 admin, 100 root
     * @param status    1 enabled, 2 disabled
     * @param bindings  the external logins bound to it (github, oidc, wechat, telegram, linux_do), by their ids
     */
    record User(long id, String username, @Nullable String passwordHash, String displayName, @Nullable String email,
                int role, int status, long quota, long usedQuota, long requestCount, String group, boolean deleted,
                Map<String, String> bindings) {
    }

    /**
     * A row of {@code tokens}; new-api keeps the key in clear, without {@code sk-}.
     *
     * @param status       1 enabled, 2 disabled, 3 expired, 4 exhausted
     * @param expiredTime  Unix seconds, -1 never
     */
    record Token(long id, long userId, String name, String key, int status, long expiredTime, long remainQuota,
                 boolean unlimitedQuota, boolean modelLimitsEnabled, String modelLimits, String allowIps,
                 String group, boolean deleted) {
    }

    /**
     * A row of {@code channels}.
     *
     * @param status       1 enabled, 2 disabled by an admin, 3 disabled automatically
     * @param other        type-specific: Azure's api-version
     * @param channelInfo  JSON: multi-key mode and each key's status
     * @param extras       the other per-channel options new-api has, by column (or {@code setting.<name>}), when set
     */
    record Channel(long id, int type, String name, String key, int status, String baseUrl, String other,
                   String models, String group, String modelMapping, long priority, long weight, boolean autoBan,
                   String testModel, String channelInfo, String otherInfo, String setting,
                   Map<String, String> extras) {
    }

    /** @param status 1 enabled, 2 disabled, 3 used */
    record Redemption(long id, String name, String key, int status, long quota, long expiredTime, boolean deleted) {
    }
}

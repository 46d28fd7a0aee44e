package io.llm402.projections.access;

import io.llm402.domain.access.api.ApiTokenDeletedEvent;
import io.llm402.domain.access.api.ApiTokenDisabledEvent;
import io.llm402.domain.access.api.ApiTokenEnabledEvent;
import io.llm402.domain.access.api.ApiTokenIssuedEvent;
import io.llm402.domain.access.api.ApiTokenKeyReplacedEvent;
import io.llm402.domain.access.api.ApiTokenTerms;
import io.llm402.domain.access.api.ApiTokenTermsChangedEvent;
import io.llm402.domain.account.api.AccessTokenIssuedEvent;
import io.llm402.domain.account.api.BackupCodeUsedEvent;
import io.llm402.domain.account.api.BackupCodesReplacedEvent;
import io.llm402.domain.account.api.TwoFactorDisabledEvent;
import io.llm402.domain.account.api.TwoFactorEnabledEvent;
import io.llm402.domain.account.api.TwoFactorLockedEvent;
import io.llm402.domain.account.api.TwoFactorSetUpEvent;
import io.llm402.domain.account.api.UserDeletedEvent;
import io.llm402.domain.account.api.UserDetailsChangedEvent;
import io.llm402.domain.account.api.UserDisabledEvent;
import io.llm402.domain.account.api.UserEnabledEvent;
import io.llm402.domain.account.api.UserPasswordSetEvent;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.account.api.UserProfileChangedEvent;
import io.llm402.domain.account.api.UserRegisteredEvent;
import io.llm402.projections.access.api.ApiTokenPage;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.access.api.FindApiTokenByDigestQuery;
import io.llm402.projections.access.api.FindApiTokenByNumberQuery;
import io.llm402.projections.access.api.FindFirstUserWithRoleQuery;
import io.llm402.projections.access.api.FindLoginCredentialsQuery;
import io.llm402.projections.access.api.FindUserByAccessTokenQuery;
import io.llm402.projections.access.api.FindUserByNumberQuery;
import io.llm402.projections.access.api.FindUserByUsernameQuery;
import io.llm402.projections.access.api.FindUserQuery;
import io.llm402.projections.access.api.ListApiTokensQuery;
import io.llm402.projections.access.api.ListUsersQuery;
import io.llm402.projections.access.api.LoginCredentials;
import io.llm402.projections.access.api.SearchUsersQuery;
import io.llm402.projections.access.api.TwoFactorStats;
import io.llm402.projections.access.api.TwoFactorStatsQuery;
import io.llm402.projections.access.api.UserPage;
import io.llm402.projections.access.api.UserView;
import io.llm402.projections.access.api.UserView.TwoFactorState;
import io.llm402.projections.api.ReadModelChangedEvent;
import io.llm402.projections.support.ChangeSignal;
import io.llm402.projections.support.JsonColumns;
import io.llm402.projections.support.Keywords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Users and API tokens. Every event sets absolute values, so handling one twice (at-least-once delivery) leaves the
 * same rows.
 */
@Component
@ProcessingGroup(AccessProjection.PROCESSING_GROUP)
public class AccessProjection {

    public static final String PROCESSING_GROUP = "access";

    private static final String TOKEN_SELECT = """
            SELECT t.*, u.user_group AS owner_group, (u.disabled OR u.deleted) AS owner_disabled
            FROM api_tokens t LEFT JOIN users u ON u.user_id = t.user_id""";

    private final JdbcClient jdbc;
    private final ChangeSignal signal;

    public AccessProjection(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.signal = new ChangeSignal(events);
    }

    /** A replay (reset of this processing group) rebuilds the tables from the first event. */
    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM users").update();
        jdbc.sql("DELETE FROM api_tokens").update();
    }

    @EventHandler
    void on(UserRegisteredEvent event, TrackingToken token, @Timestamp Instant at) {
        upsertProfile(event.userId(), event.profile());
        jdbc.sql("UPDATE users SET user_number = ?, created_at_ms = ? WHERE user_id = ?")
                .params(numberAt(token), at.toEpochMilli(), event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(UserProfileChangedEvent event, TrackingToken token) {
        // A role change ends the user's sessions (the stamp), a new group does not.
        jdbc.sql("""
                UPDATE users SET credentials_stamp = CASE WHEN user_role <> ? THEN ? ELSE credentials_stamp END
                WHERE user_id = ?""")
                .params(event.profile().role().wireName(), numberAt(token), event.userId()).update();
        upsertProfile(event.userId(), event.profile());
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(UserDetailsChangedEvent event) {
        jdbc.sql("UPDATE users SET display_name = ?, email = ? WHERE user_id = ?")
                .params(event.displayName(), event.email(), event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(UserPasswordSetEvent event, TrackingToken token) {
        jdbc.sql("UPDATE users SET password_hash = ?, credentials_stamp = ? WHERE user_id = ?")
                .params(event.passwordHash(), numberAt(token), event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(UserDisabledEvent event, TrackingToken token) {
        jdbc.sql("UPDATE users SET disabled = TRUE, credentials_stamp = ? WHERE user_id = ?")
                .params(numberAt(token), event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(UserEnabledEvent event) {
        jdbc.sql("UPDATE users SET disabled = FALSE WHERE user_id = ?").param(event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(UserDeletedEvent event, TrackingToken token) {
        jdbc.sql("UPDATE users SET deleted = TRUE, access_token_digest = NULL, credentials_stamp = ? WHERE user_id = ?")
                .params(numberAt(token), event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(TwoFactorSetUpEvent event) {
        jdbc.sql("UPDATE users SET backup_codes_total = ?, backup_codes_used = '[]' WHERE user_id = ?")
                .params(event.backupCodeHashes().size(), event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(TwoFactorEnabledEvent event) {
        jdbc.sql("UPDATE users SET two_factor_enabled = TRUE WHERE user_id = ?").param(event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(BackupCodeUsedEvent event) {
        String used = jdbc.sql("SELECT backup_codes_used FROM users WHERE user_id = ?").param(event.userId())
                .query(String.class).optional().orElse("[]");
        Set<String> indexes = new TreeSet<>(JsonColumns.stringList(used));
        indexes.add(Integer.toString(event.index()));
        jdbc.sql("UPDATE users SET backup_codes_used = ? WHERE user_id = ?")
                .params(JsonColumns.write(List.copyOf(indexes)), event.userId()).update();
    }

    @EventHandler
    void on(BackupCodesReplacedEvent event) {
        jdbc.sql("UPDATE users SET backup_codes_total = ?, backup_codes_used = '[]' WHERE user_id = ?")
                .params(event.backupCodeHashes().size(), event.userId()).update();
    }

    @EventHandler
    void on(TwoFactorLockedEvent event) {
        jdbc.sql("UPDATE users SET two_factor_locked_until_ms = ? WHERE user_id = ?")
                .params(event.lockedUntil().toEpochMilli(), event.userId()).update();
    }

    @EventHandler
    void on(TwoFactorDisabledEvent event, TrackingToken token) {
        // Turning the second factor off (by the user, or an admin's reset) ends the user's sessions.
        jdbc.sql("""
                UPDATE users SET two_factor_enabled = FALSE, two_factor_locked_until_ms = NULL, backup_codes_total = 0,
                       backup_codes_used = '[]', credentials_stamp = ?
                WHERE user_id = ?""").params(numberAt(token), event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @QueryHandler
    public TwoFactorStats handle(TwoFactorStatsQuery query) {
        return jdbc.sql("""
                SELECT COUNT(*), COALESCE(SUM(CASE WHEN two_factor_enabled THEN 1 ELSE 0 END), 0)
                FROM users WHERE deleted = FALSE""")
                .query((rs, row) -> new TwoFactorStats(rs.getLong(1), rs.getLong(2))).single();
    }

    @EventHandler
    void on(AccessTokenIssuedEvent event) {
        jdbc.sql("UPDATE users SET access_token_digest = ? WHERE user_id = ?")
                .params(event.tokenDigest(), event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(ApiTokenDisabledEvent event) {
        jdbc.sql("UPDATE api_tokens SET disabled = TRUE WHERE token_id = ?").param(event.tokenId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(ApiTokenEnabledEvent event) {
        jdbc.sql("UPDATE api_tokens SET disabled = FALSE WHERE token_id = ?").param(event.tokenId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(ApiTokenIssuedEvent event, TrackingToken token, @Timestamp Instant at) {
        int updated = jdbc.sql("UPDATE api_tokens SET user_id = ?, key_digest = ?, key_hint = ? WHERE token_id = ?")
                .params(event.userId(), event.keyDigest(), event.keyHint(), event.tokenId()).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO api_tokens (token_id, user_id, name, key_digest, key_hint, models, token_number,
                                            created_at_ms)
                    VALUES (?, ?, ?, ?, ?, '[]', ?, ?)""")
                    .params(event.tokenId(), event.userId(), event.terms().name(), event.keyDigest(), event.keyHint(),
                            numberAt(token), at.toEpochMilli())
                    .update();
        }
        updateTerms(event.tokenId(), event.terms());
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(ApiTokenTermsChangedEvent event) {
        updateTerms(event.tokenId(), event.terms());
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(ApiTokenKeyReplacedEvent event) {
        jdbc.sql("UPDATE api_tokens SET key_digest = ?, key_hint = ? WHERE token_id = ?")
                .params(event.keyDigest(), event.keyHint(), event.tokenId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(ApiTokenDeletedEvent event) {
        jdbc.sql("DELETE FROM api_tokens WHERE token_id = ?").param(event.tokenId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @QueryHandler
    public Optional<UserView> handle(FindUserByUsernameQuery query) {
        return jdbc.sql("SELECT * FROM users WHERE username = ?").param(query.username())
                .query(AccessProjection::userView).optional();
    }

    @QueryHandler
    public Optional<UserView> handle(FindUserQuery query) {
        return jdbc.sql("SELECT * FROM users WHERE user_id = ?").param(query.userId())
                .query(AccessProjection::userView).optional();
    }

    @QueryHandler
    public Optional<UserView> handle(FindFirstUserWithRoleQuery query) {
        return jdbc.sql("SELECT * FROM users WHERE user_role = ? AND deleted = FALSE ORDER BY user_number LIMIT 1")
                .param(query.role()).query(AccessProjection::userView).optional();
    }

    @QueryHandler
    public Optional<UserView> handle(FindUserByNumberQuery query) {
        return jdbc.sql("SELECT * FROM users WHERE user_number = ? AND deleted = FALSE").param(query.number())
                .query(AccessProjection::userView).optional();
    }

    @QueryHandler
    public Optional<UserView> handle(FindUserByAccessTokenQuery query) {
        return jdbc.sql("SELECT * FROM users WHERE access_token_digest = ? AND deleted = FALSE")
                .param(query.tokenDigest()).query(AccessProjection::userView).optional();
    }

    @QueryHandler
    public Optional<LoginCredentials> handle(FindLoginCredentialsQuery query) {
        RowMapper<LoginCredentials> credentials =
                (rs, row) -> new LoginCredentials(rs.getString("user_id"), rs.getString("password_hash"));
        Optional<LoginCredentials> byName = jdbc.sql("""
                SELECT user_id, password_hash FROM users
                WHERE username = ? AND deleted = FALSE AND password_hash IS NOT NULL""")
                .param(query.login()).query(credentials).optional();
        if (byName.isPresent()) {
            return byName;
        }
        // By email only when exactly one user has it: an ambiguous email logs nobody in.
        List<LoginCredentials> byEmail = jdbc.sql("""
                SELECT user_id, password_hash FROM users
                WHERE email = ? AND deleted = FALSE AND password_hash IS NOT NULL""")
                .param(query.login()).query(credentials).list();
        return byEmail.size() == 1 ? Optional.of(byEmail.getFirst()) : Optional.empty();
    }

    @QueryHandler
    public List<UserView> handle(ListUsersQuery query) {
        return jdbc.sql("SELECT * FROM users WHERE username > ? ORDER BY username LIMIT ?")
                .params(query.afterUsername(), query.limit())
                .query(AccessProjection::userView).list();
    }

    @QueryHandler
    public UserPage handle(SearchUsersQuery query) {
        StringBuilder where = new StringBuilder(" WHERE deleted = FALSE");
        List<Object> params = new ArrayList<>();
        if (!query.keyword().isEmpty()) {
            String like = Keywords.containing(query.keyword());
            where.append(" AND (username LIKE ? ESCAPE '!' OR display_name LIKE ? ESCAPE '!'"
                    + " OR email LIKE ? ESCAPE '!' OR user_number = ?)");
            params.addAll(List.of(like, like, like, Keywords.asNumber(query.keyword())));
        }
        if (query.group() != null && !query.group().isEmpty()) {
            where.append(" AND user_group = ?");
            params.add(query.group());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM users" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.addAll(List.of(query.limit(), query.offset()));
        List<UserView> items = jdbc.sql("SELECT * FROM users" + where + " ORDER BY user_number LIMIT ? OFFSET ?")
                .params(paged).query(AccessProjection::userView).list();
        return new UserPage(items, total);
    }

    @QueryHandler
    public Optional<ApiTokenView> handle(FindApiTokenByDigestQuery query) {
        return jdbc.sql(TOKEN_SELECT + " WHERE t.key_digest = ?").param(query.keyDigest())
                .query(AccessProjection::tokenView).optional();
    }

    @QueryHandler
    public Optional<ApiTokenView> handle(FindApiTokenByNumberQuery query) {
        return jdbc.sql(TOKEN_SELECT + " WHERE t.token_number = ?").param(query.number())
                .query(AccessProjection::tokenView).optional();
    }

    @QueryHandler
    public ApiTokenPage handle(ListApiTokensQuery query) {
        String like = Keywords.containing(query.keyword());
        String where = " WHERE t.user_id = ? AND t.name LIKE ? ESCAPE '!'";
        long total = jdbc.sql("SELECT COUNT(*) FROM api_tokens t" + where).params(query.userId(), like)
                .query(Long.class).single();
        List<ApiTokenView> items = jdbc.sql(TOKEN_SELECT + where + " ORDER BY t.token_number DESC LIMIT ? OFFSET ?")
                .params(query.userId(), like, query.limit(), query.offset())
                .query(AccessProjection::tokenView).list();
        return new ApiTokenPage(items, total);
    }

    /** new-api's ids are small positive numbers: the position of the creating event in the store, plus one. */
    private static long numberAt(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("a tracking token without a position"))
                + 1;
    }


    private void upsertProfile(String userId, UserProfile profile) {
        int updated = jdbc.sql("UPDATE users SET username = ?, user_role = ?, user_group = ? WHERE user_id = ?")
                .params(profile.username(), profile.role().wireName(), profile.group(), userId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO users (user_id, username, user_role, user_group) VALUES (?, ?, ?, ?)")
                    .params(userId, profile.username(), profile.role().wireName(), profile.group()).update();
        }
    }

    private void updateTerms(String tokenId, ApiTokenTerms terms) {
        jdbc.sql("""
                UPDATE api_tokens SET name = ?, token_group = ?, models = ?, limit_nano_usd = ?, expires_at_ms = ?,
                                      allow_ips = ?
                WHERE token_id = ?""")
                .params(terms.name(), terms.group(), JsonColumns.write(terms.models()), terms.limitNanoUsd(),
                        terms.expiresAt() == null ? null : terms.expiresAt().toEpochMilli(),
                        JsonColumns.write(terms.allowIps()), tokenId)
                .update();
    }

    private static UserView userView(ResultSet rs, int row) throws SQLException {
        return new UserView(rs.getString("user_id"), rs.getLong("user_number"), rs.getString("username"),
                rs.getString("display_name"), rs.getString("email"), rs.getString("user_role"),
                rs.getString("user_group"), rs.getString("password_hash") != null, rs.getBoolean("disabled"),
                rs.getBoolean("deleted"), rs.getLong("credentials_stamp"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")), twoFactor(rs));
    }

    private static TwoFactorState twoFactor(ResultSet rs) throws SQLException {
        boolean enabled = rs.getBoolean("two_factor_enabled");
        long locked = rs.getLong("two_factor_locked_until_ms");
        Instant lockedUntil = rs.wasNull() ? null : Instant.ofEpochMilli(locked);
        int remaining = rs.getInt("backup_codes_total") - JsonColumns.stringList(rs.getString("backup_codes_used"))
                .size();
        return enabled || lockedUntil != null ? new TwoFactorState(enabled, lockedUntil, Math.max(0, remaining))
                : TwoFactorState.OFF;
    }

    private static ApiTokenView tokenView(ResultSet rs, int row) throws SQLException {
        long limit = rs.getLong("limit_nano_usd");
        Long limitNanoUsd = rs.wasNull() ? null : limit;
        long expires = rs.getLong("expires_at_ms");
        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        String allowIps = rs.getString("allow_ips");
        return new ApiTokenView(rs.getString("token_id"), rs.getString("user_id"), rs.getString("name"),
                rs.getString("key_hint"), rs.getString("token_group"), JsonColumns.stringList(rs.getString("models")),
                limitNanoUsd, expiresAt, rs.getString("owner_group"), rs.getBoolean("disabled"),
                rs.getBoolean("owner_disabled"), rs.getLong("token_number"),
                allowIps == null ? List.of() : JsonColumns.stringList(allowIps),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")));
    }
}

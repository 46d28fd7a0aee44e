package io.llm402.projections.access;

import io.llm402.domain.access.api.ApiTokenDisabledEvent;
import io.llm402.domain.access.api.ApiTokenEnabledEvent;
import io.llm402.domain.access.api.ApiTokenIssuedEvent;
import io.llm402.domain.access.api.ApiTokenKeyReplacedEvent;
import io.llm402.domain.access.api.ApiTokenTerms;
import io.llm402.domain.access.api.ApiTokenTermsChangedEvent;
import io.llm402.domain.account.api.UserDisabledEvent;
import io.llm402.domain.account.api.UserEnabledEvent;
import io.llm402.domain.account.api.UserPasswordSetEvent;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.account.api.UserProfileChangedEvent;
import io.llm402.domain.account.api.UserRegisteredEvent;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.access.api.FindApiTokenByDigestQuery;
import io.llm402.projections.access.api.FindUserByUsernameQuery;
import io.llm402.projections.access.api.ListUsersQuery;
import io.llm402.projections.access.api.UserView;
import io.llm402.projections.api.ReadModelChangedEvent;
import io.llm402.projections.support.ChangeSignal;
import io.llm402.projections.support.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.context.ApplicationEventPublisher;
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
    void on(UserRegisteredEvent event) {
        upsertProfile(event.userId(), event.profile());
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(UserProfileChangedEvent event) {
        upsertProfile(event.userId(), event.profile());
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(UserPasswordSetEvent event) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE user_id = ?")
                .params(event.passwordHash(), event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(UserDisabledEvent event) {
        jdbc.sql("UPDATE users SET disabled = TRUE WHERE user_id = ?").param(event.userId()).update();
        signal.changed(ReadModelChangedEvent.ACCESS);
    }

    @EventHandler
    void on(UserEnabledEvent event) {
        jdbc.sql("UPDATE users SET disabled = FALSE WHERE user_id = ?").param(event.userId()).update();
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
    void on(ApiTokenIssuedEvent event) {
        int updated = jdbc.sql("UPDATE api_tokens SET user_id = ?, key_digest = ?, key_hint = ? WHERE token_id = ?")
                .params(event.userId(), event.keyDigest(), event.keyHint(), event.tokenId()).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO api_tokens (token_id, user_id, name, key_digest, key_hint, models)
                    VALUES (?, ?, ?, ?, ?, '[]')""")
                    .params(event.tokenId(), event.userId(), event.terms().name(), event.keyDigest(), event.keyHint())
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

    @QueryHandler
    public Optional<UserView> handle(FindUserByUsernameQuery query) {
        return jdbc.sql("SELECT * FROM users WHERE username = ?").param(query.username())
                .query(AccessProjection::userView).optional();
    }

    @QueryHandler
    public List<UserView> handle(ListUsersQuery query) {
        return jdbc.sql("SELECT * FROM users WHERE username > ? ORDER BY username LIMIT ?")
                .params(query.afterUsername(), query.limit())
                .query(AccessProjection::userView).list();
    }

    @QueryHandler
    public Optional<ApiTokenView> handle(FindApiTokenByDigestQuery query) {
        return jdbc.sql("""
                SELECT t.*, u.user_group AS owner_group, u.disabled AS owner_disabled
                FROM api_tokens t LEFT JOIN users u ON u.user_id = t.user_id
                WHERE t.key_digest = ?""").param(query.keyDigest())
                .query(AccessProjection::tokenView).optional();
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
                UPDATE api_tokens SET name = ?, token_group = ?, models = ?, limit_nano_usd = ?, expires_at_ms = ?
                WHERE token_id = ?""")
                .params(terms.name(), terms.group(), JsonColumns.write(terms.models()), terms.limitNanoUsd(),
                        terms.expiresAt() == null ? null : terms.expiresAt().toEpochMilli(), tokenId)
                .update();
    }

    private static UserView userView(ResultSet rs, int row) throws SQLException {
        return new UserView(rs.getString("user_id"), rs.getString("username"), rs.getString("user_role"),
                rs.getString("user_group"), rs.getString("password_hash") != null, rs.getBoolean("disabled"));
    }

    private static ApiTokenView tokenView(ResultSet rs, int row) throws SQLException {
        long limit = rs.getLong("limit_nano_usd");
        Long limitNanoUsd = rs.wasNull() ? null : limit;
        long expires = rs.getLong("expires_at_ms");
        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        return new ApiTokenView(rs.getString("token_id"), rs.getString("user_id"), rs.getString("name"),
                rs.getString("key_hint"), rs.getString("token_group"), JsonColumns.stringList(rs.getString("models")),
                limitNanoUsd, expiresAt, rs.getString("owner_group"), rs.getBoolean("disabled"),
                rs.getBoolean("owner_disabled"));
    }
}

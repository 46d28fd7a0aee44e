package io.llm402.projections.access;

import io.llm402.domain.account.api.ExternalIdentityBoundEvent;
import io.llm402.domain.account.api.ExternalIdentityUnboundEvent;
import io.llm402.domain.account.api.ExternalLoginSucceededEvent;
import io.llm402.projections.access.api.Bindings;
import io.llm402.projections.access.api.ExternalIdentityView;
import io.llm402.projections.access.api.FindExternalIdentityQuery;
import io.llm402.projections.access.api.FindUserIdByEmailQuery;
import io.llm402.projections.access.api.ListBindingsQuery;
import io.llm402.projections.access.api.NextUserNumberQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bound external identities, in the access processing group so a binding and the user it names are read in the
 * same order they happened. Every event sets absolute values (at-least-once delivery).
 */
@Component
@ProcessingGroup(AccessProjection.PROCESSING_GROUP)
public class ExternalIdentityProjection {

    private final JdbcClient jdbc;

    public ExternalIdentityProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM external_identities").update();
    }

    @EventHandler
    void on(ExternalIdentityBoundEvent event, @Timestamp Instant at) {
        jdbc.sql("DELETE FROM external_identities WHERE identity_id = ?").param(event.identityId()).update();
        jdbc.sql("""
                INSERT INTO external_identities (identity_id, provider, issuer, subject, user_id, display, bound_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(event.identityId(), event.key().provider().wireName(), event.key().issuer(),
                        event.key().subject(), event.userId(), event.display(), at.toEpochMilli())
                .update();
    }

    @EventHandler
    void on(ExternalIdentityUnboundEvent event) {
        jdbc.sql("DELETE FROM external_identities WHERE identity_id = ? AND user_id = ?")
                .params(event.identityId(), event.userId()).update();
    }

    @EventHandler
    void on(ExternalLoginSucceededEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE external_identities SET last_login_at_ms = ? WHERE identity_id = ?")
                .params(at.toEpochMilli(), event.identityId()).update();
    }

    @QueryHandler
    public Optional<ExternalIdentityView> handle(FindExternalIdentityQuery query) {
        return jdbc.sql("SELECT * FROM external_identities WHERE identity_id = ?").param(query.identityId())
                .query((rs, row) -> view(rs)).optional();
    }

    @QueryHandler
    public Bindings handle(ListBindingsQuery query) {
        return new Bindings(jdbc.sql("SELECT * FROM external_identities WHERE user_id = ? ORDER BY bound_at_ms")
                .param(query.userId()).query((rs, row) -> view(rs)).list());
    }

    @QueryHandler
    public Optional<String> handle(FindUserIdByEmailQuery query) {
        List<String> users = jdbc.sql("SELECT user_id FROM users WHERE LOWER(email) = ? AND deleted = FALSE LIMIT 2")
                .param(query.email().toLowerCase(Locale.ROOT)).query(String.class).list();
        return users.size() == 1 ? Optional.of(users.getFirst()) : Optional.empty();
    }

    @QueryHandler
    public Long handle(NextUserNumberQuery query) {
        Long last = jdbc.sql("SELECT MAX(user_number) FROM users").query(Long.class).optional().orElse(null);
        return last == null ? 1 : last + 1;
    }

    private static ExternalIdentityView view(ResultSet rs) throws SQLException {
        long lastLoginMs = rs.getLong("last_login_at_ms");
        Instant lastLogin = rs.wasNull() ? null : Instant.ofEpochMilli(lastLoginMs);
        return new ExternalIdentityView(rs.getString("identity_id"), rs.getString("provider"), rs.getString("issuer"),
                rs.getString("subject"), rs.getString("user_id"), rs.getString("display"),
                Instant.ofEpochMilli(rs.getLong("bound_at_ms")), lastLogin);
    }
}

package io.llm402.projections.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.access.api.ApiTokenDisabledEvent;
import io.llm402.domain.access.api.ApiTokenEnabledEvent;
import io.llm402.domain.access.api.ApiTokenIssuedEvent;
import io.llm402.domain.access.api.ApiTokenKeyReplacedEvent;
import io.llm402.domain.access.api.ApiTokenTerms;
import io.llm402.domain.access.api.ApiTokenTermsChangedEvent;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.UserDisabledEvent;
import io.llm402.domain.account.api.UserPasswordSetEvent;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.account.api.UserProfileChangedEvent;
import io.llm402.domain.account.api.UserRegisteredEvent;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.access.api.FindApiTokenByDigestQuery;
import io.llm402.projections.access.api.FindUserByUsernameQuery;
import io.llm402.projections.access.api.ListUsersQuery;
import io.llm402.projections.access.api.UserView;
import io.llm402.projections.support.ReadModelDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessProjectionTest {

    private static final ApiTokenTerms TERMS = new ApiTokenTerms("ci", null, List.of("gpt-4o-mini"), 5_000_000_000L,
            Instant.parse("2030-01-01T00:00:00Z"));

    @TempDir
    Path dir;
    private AccessProjection projection;

    @BeforeEach
    void setUp() {
        projection = new AccessProjection(ReadModelDatabase.migrated(dir), event -> { });
    }

    @Test
    void usersAreListedWithoutTheirPasswordHash() {
        projection.on(new UserRegisteredEvent("u-1", new UserProfile("alice", Role.USER, "default")));
        projection.on(new UserPasswordSetEvent("u-1", "$2a$hash"));
        projection.on(new UserProfileChangedEvent("u-1", new UserProfile("alice", Role.ADMIN, "vip")));

        assertThat(projection.handle(new FindUserByUsernameQuery("alice")))
                .contains(new UserView("u-1", "alice", "admin", "vip", true, false));
        assertThat(projection.handle(new ListUsersQuery("", 10))).hasSize(1);
    }

    @Test
    void disablingTheTokenOrItsOwnerShowsOnTheToken() {
        projection.on(new UserRegisteredEvent("u-1", new UserProfile("alice", Role.USER, "default")));
        projection.on(new ApiTokenIssuedEvent("t-1", "u-1", TERMS, "digest-1", "sk-…0001"));
        projection.on(new ApiTokenDisabledEvent("t-1"));
        assertThat(projection.handle(new FindApiTokenByDigestQuery("digest-1")).orElseThrow().disabled()).isTrue();
        projection.on(new ApiTokenEnabledEvent("t-1"));
        projection.on(new UserDisabledEvent("u-1"));
        ApiTokenView token = projection.handle(new FindApiTokenByDigestQuery("digest-1")).orElseThrow();
        assertThat(token.disabled()).isFalse();
        assertThat(token.ownerDisabled()).isTrue();
    }

    @Test
    void aRedeliveredEventLeavesTheSameRow() {
        UserRegisteredEvent registered = new UserRegisteredEvent("u-1", new UserProfile("alice", Role.USER, "default"));
        projection.on(registered);
        projection.on(registered);
        assertThat(projection.handle(new ListUsersQuery("", 10))).hasSize(1);

        ApiTokenIssuedEvent issued = new ApiTokenIssuedEvent("t-1", "u-1", TERMS, "digest-1", "sk-…0001");
        projection.on(issued);
        projection.on(issued);
        assertThat(projection.handle(new FindApiTokenByDigestQuery("digest-1"))).isPresent();
    }

    @Test
    void tokensAreFoundByTheDigestOfTheirCurrentKey() {
        projection.on(new ApiTokenIssuedEvent("t-1", "u-1", TERMS, "digest-1", "sk-…0001"));
        projection.on(new ApiTokenTermsChangedEvent("t-1", new ApiTokenTerms("ci", "vip", List.of(), null, null)));
        projection.on(new ApiTokenKeyReplacedEvent("t-1", "digest-2", "sk-…0002"));

        assertThat(projection.handle(new FindApiTokenByDigestQuery("digest-1"))).isEmpty();
        assertThat(projection.handle(new FindApiTokenByDigestQuery("digest-2")))
                .contains(new ApiTokenView("t-1", "u-1", "ci", "sk-…0002", "vip", List.of(), null, null, null, false, false));
    }
}

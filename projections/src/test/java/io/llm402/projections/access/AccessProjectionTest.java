package io.llm402.projections.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.access.api.ApiTokenDeletedEvent;
import io.llm402.domain.access.api.ApiTokenDisabledEvent;
import io.llm402.domain.access.api.ApiTokenEnabledEvent;
import io.llm402.domain.access.api.ApiTokenIssuedEvent;
import io.llm402.domain.access.api.ApiTokenKeyReplacedEvent;
import io.llm402.domain.access.api.ApiTokenTerms;
import io.llm402.domain.access.api.ApiTokenTermsChangedEvent;
import io.llm402.domain.account.api.AccessTokenIssuedEvent;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.UserDeletedEvent;
import io.llm402.domain.account.api.UserDetailsChangedEvent;
import io.llm402.domain.account.api.UserDisabledEvent;
import io.llm402.domain.account.api.UserPasswordSetEvent;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.account.api.UserProfileChangedEvent;
import io.llm402.domain.account.api.UserRegisteredEvent;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.access.api.FindApiTokenByDigestQuery;
import io.llm402.projections.access.api.FindApiTokenByNumberQuery;
import io.llm402.projections.access.api.FindLoginCredentialsQuery;
import io.llm402.projections.access.api.FindUserByAccessTokenQuery;
import io.llm402.projections.access.api.FindUserByNumberQuery;
import io.llm402.projections.access.api.FindUserByUsernameQuery;
import io.llm402.projections.access.api.FindUserQuery;
import io.llm402.projections.access.api.ListApiTokensQuery;
import io.llm402.projections.access.api.ListUsersQuery;
import io.llm402.projections.access.api.LoginCredentials;
import io.llm402.projections.access.api.SearchUsersQuery;
import io.llm402.projections.access.api.UserView;
import io.llm402.projections.support.ReadModelDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessProjectionTest {

    private static final ApiTokenTerms TERMS = new ApiTokenTerms("ci", null, List.of("gpt-4o-mini"), 5_000_000_000L,
            Instant.parse("2030-01-01T00:00:00Z"));
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    private AccessProjection projection;

    @BeforeEach
    void setUp() {
        projection = new AccessProjection(ReadModelDatabase.migrated(dir), event -> { });
    }

    @Test
    void usersAreListedWithoutTheirPasswordHash() {
        projection.on(new UserRegisteredEvent("u-1", new UserProfile("alice", Role.USER, "default")), at(6), AT);
        projection.on(new UserPasswordSetEvent("u-1", "$2a$hash"), at(7));
        projection.on(new UserProfileChangedEvent("u-1", new UserProfile("alice", Role.ADMIN, "vip")), at(8));

        assertThat(projection.handle(new FindUserByUsernameQuery("alice")))
                .contains(new UserView("u-1", 7, "alice", "", null, "admin", "vip", true, false, false, 9, AT,
                        UserView.TwoFactorState.OFF));
        assertThat(projection.handle(new ListUsersQuery("", 10))).hasSize(1);
    }

    @Test
    void theIdIsThePositionOfTheRegistrationAndSurvivesARedelivery() {
        UserRegisteredEvent registered = new UserRegisteredEvent("u-1", new UserProfile("alice", Role.USER, "default"));
        projection.on(registered, at(41), AT);
        projection.on(registered, at(41), AT);

        assertThat(projection.handle(new ListUsersQuery("", 10))).hasSize(1);
        assertThat(projection.handle(new FindUserByNumberQuery(42))).map(UserView::userId).contains("u-1");
    }

    @Test
    void theCredentialsStampMovesWithPasswordRoleStatusAndDeletionButNotWithTheGroup() {
        projection.on(new UserRegisteredEvent("u-1", new UserProfile("alice", Role.USER, "default")), at(1), AT);
        projection.on(new UserPasswordSetEvent("u-1", "$2a$hash"), at(2));
        assertThat(stamp()).isEqualTo(3);
        projection.on(new UserProfileChangedEvent("u-1", new UserProfile("alice", Role.USER, "vip")), at(3));
        assertThat(stamp()).isEqualTo(3);
        projection.on(new UserProfileChangedEvent("u-1", new UserProfile("alice", Role.ADMIN, "vip")), at(4));
        assertThat(stamp()).isEqualTo(5);
        projection.on(new UserDisabledEvent("u-1"), at(5));
        assertThat(stamp()).isEqualTo(6);
        projection.on(new UserDeletedEvent("u-1"), at(6));
        assertThat(stamp()).isEqualTo(7);
        assertThat(projection.handle(new FindUserQuery("u-1")).orElseThrow().deleted()).isTrue();
        assertThat(projection.handle(new FindUserByNumberQuery(2))).isEmpty();
    }

    @Test
    void aLoginMatchesTheUsernameOrAnEmailOnlyOneUserHas() {
        register("u-1", "alice", 1);
        projection.on(new UserPasswordSetEvent("u-1", "$2a$alice"), at(2));
        projection.on(new UserDetailsChangedEvent("u-1", "Alice", "a@example.com"));
        register("u-2", "bob", 4);
        projection.on(new UserPasswordSetEvent("u-2", "$2a$bob"), at(5));

        assertThat(projection.handle(new FindLoginCredentialsQuery("alice")))
                .contains(new LoginCredentials("u-1", "$2a$alice"));
        assertThat(projection.handle(new FindLoginCredentialsQuery("a@example.com"))).map(LoginCredentials::userId)
                .contains("u-1");

        projection.on(new UserDetailsChangedEvent("u-2", "Bob", "a@example.com"));
        assertThat(projection.handle(new FindLoginCredentialsQuery("a@example.com"))).isEmpty();
        assertThat(projection.handle(new FindLoginCredentialsQuery("nobody"))).isEmpty();
    }

    @Test
    void theAccessTokenFindsItsUserUntilTheUserIsDeleted() {
        register("u-1", "alice", 1);
        projection.on(new AccessTokenIssuedEvent("u-1", "tok-digest"));
        assertThat(projection.handle(new FindUserByAccessTokenQuery("tok-digest"))).isPresent();
        projection.on(new UserDeletedEvent("u-1"), at(3));
        assertThat(projection.handle(new FindUserByAccessTokenQuery("tok-digest"))).isEmpty();
    }

    @Test
    void usersAreSearchedByNameEmailOrIdAndPaged() {
        for (int i = 1; i <= 5; i++) {
            register("u-" + i, "user" + i, i * 10);
        }
        projection.on(new UserDetailsChangedEvent("u-3", "Carol", "carol@example.com"));

        assertThat(projection.handle(new SearchUsersQuery("", null, 0, 2)).total()).isEqualTo(5);
        assertThat(projection.handle(new SearchUsersQuery("", null, 2, 2)).items()).extracting(UserView::username)
                .containsExactly("user3", "user4");
        assertThat(projection.handle(new SearchUsersQuery("carol@", null, 0, 10)).items())
                .extracting(UserView::username).containsExactly("user3");
        assertThat(projection.handle(new SearchUsersQuery("41", null, 0, 10)).items()).extracting(UserView::username)
                .containsExactly("user4");
        assertThat(projection.handle(new SearchUsersQuery("user_", null, 0, 10)).total())
                .as("LIKE wildcards in the keyword are literal").isZero();
        assertThat(projection.handle(new SearchUsersQuery("", "vip", 0, 10)).total()).isZero();
    }

    @Test
    void disablingTheTokenOrItsOwnerShowsOnTheToken() {
        register("u-1", "alice", 1);
        projection.on(new ApiTokenIssuedEvent("t-1", "u-1", TERMS, "digest-1", "sk-…0001"), at(2), AT);
        projection.on(new ApiTokenDisabledEvent("t-1"));
        assertThat(projection.handle(new FindApiTokenByDigestQuery("digest-1")).orElseThrow().disabled()).isTrue();
        projection.on(new ApiTokenEnabledEvent("t-1"));
        projection.on(new UserDisabledEvent("u-1"), at(3));
        ApiTokenView token = projection.handle(new FindApiTokenByDigestQuery("digest-1")).orElseThrow();
        assertThat(token.disabled()).isFalse();
        assertThat(token.ownerDisabled()).isTrue();
    }

    @Test
    void aDeletedOwnerDisablesTheTokenAndADeletedTokenIsGone() {
        register("u-1", "alice", 1);
        projection.on(new ApiTokenIssuedEvent("t-1", "u-1", TERMS, "digest-1", "sk-…0001"), at(2), AT);
        projection.on(new UserDeletedEvent("u-1"), at(3));
        assertThat(projection.handle(new FindApiTokenByDigestQuery("digest-1")).orElseThrow().ownerDisabled())
                .isTrue();
        projection.on(new ApiTokenDeletedEvent("t-1"));
        assertThat(projection.handle(new FindApiTokenByDigestQuery("digest-1"))).isEmpty();
    }

    @Test
    void aRedeliveredTokenEventLeavesTheSameRow() {
        ApiTokenIssuedEvent issued = new ApiTokenIssuedEvent("t-1", "u-1", TERMS, "digest-1", "sk-…0001");
        projection.on(issued, at(4), AT);
        projection.on(issued, at(4), AT);
        assertThat(projection.handle(new FindApiTokenByNumberQuery(5))).map(ApiTokenView::tokenId).contains("t-1");
        assertThat(projection.handle(new ListApiTokensQuery("u-1", "", 0, 10)).total()).isEqualTo(1);
    }

    @Test
    void tokensAreListedNewestFirstAndSearchedByName() {
        projection.on(new ApiTokenIssuedEvent("t-1", "u-1", TERMS, "d-1", "sk-…0001"), at(1), AT);
        projection.on(new ApiTokenIssuedEvent("t-2", "u-1", new ApiTokenTerms("prod", null, List.of(), null, null,
                List.of("10.0.0.0/8")), "d-2", "sk-…0002"), at(2), AT);
        projection.on(new ApiTokenIssuedEvent("t-3", "u-2", TERMS, "d-3", "sk-…0003"), at(3), AT);

        assertThat(projection.handle(new ListApiTokensQuery("u-1", "", 0, 10)).items()).extracting(ApiTokenView::name)
                .containsExactly("prod", "ci");
        assertThat(projection.handle(new ListApiTokensQuery("u-1", "pro", 0, 10)).items().getFirst().allowIps())
                .containsExactly("10.0.0.0/8");
    }

    @Test
    void tokensAreFoundByTheDigestOfTheirCurrentKey() {
        projection.on(new ApiTokenIssuedEvent("t-1", "u-1", TERMS, "digest-1", "sk-…0001"), at(0), AT);
        projection.on(new ApiTokenTermsChangedEvent("t-1", new ApiTokenTerms("ci", "vip", List.of(), null, null)));
        projection.on(new ApiTokenKeyReplacedEvent("t-1", "digest-2", "sk-…0002"));

        assertThat(projection.handle(new FindApiTokenByDigestQuery("digest-1"))).isEmpty();
        assertThat(projection.handle(new FindApiTokenByDigestQuery("digest-2"))).contains(new ApiTokenView("t-1",
                "u-1", "ci", "sk-…0002", "vip", List.of(), null, null, null, false, false, 1, List.of(), AT));
    }

    private void register(String userId, String username, long position) {
        projection.on(new UserRegisteredEvent(userId, new UserProfile(username, Role.USER, "default")), at(position),
                AT);
    }

    private long stamp() {
        return projection.handle(new FindUserQuery("u-1")).orElseThrow().credentialsStamp();
    }

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }
}

package io.llm402.ops.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.account.api.ExternalIdentityKey;
import io.llm402.domain.account.api.ExternalProvider;
import io.llm402.domain.account.api.Role;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.ops.management.ManagementClient.Answer;
import io.llm402.ops.management.ManagementClient.Login;
import io.llm402.ops.testsupport.FakeOAuthProvider;
import io.llm402.ops.testsupport.HandMadeOidcProvider;
import io.llm402.ops.testsupport.Llm402AppTest;
import io.llm402.ops.testsupport.LoginBrowser;
import io.llm402.ops.testsupport.TelegramPayloads;
import io.llm402.ops.testsupport.Totp;
import io.llm402.projections.access.api.Bindings;
import io.llm402.projections.access.api.ExternalIdentityView;
import io.llm402.projections.access.api.FindExternalIdentityQuery;
import io.llm402.projections.access.api.ListBindingsQuery;
import io.llm402.projections.access.api.UserView;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * External logins end to end, the way a browser walks them (every 302 followed by hand with a cookie jar), against
 * real protocol servers on loopback: mock-oauth2-server for OIDC, strict fakes of GitHub's and LINUX DO's OAuth2
 * endpoints, and Telegram payloads signed here with a fake bot token.
 */
@Llm402AppTest
class ExternalLoginTest {

    private static final String PASSWORD = "correct-horse-1";
    private static final String BOT_TOKEN = "123456789:TEST-bot-token";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static MockOAuth2Server oidc;
    private static FakeOAuthProvider github;
    private static FakeOAuthProvider linuxDo;

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    AccessReadModel readModel;

    private ManagementClient client;

    @BeforeAll
    static void startProviders() throws IOException {
        oidc = new MockOAuth2Server();
        oidc.start();
        github = new FakeOAuthProvider("gh-client", "gh-secret");
        linuxDo = new FakeOAuthProvider("ld-client", "ld-secret");
    }

    @AfterAll
    static void stopProviders() {
        oidc.shutdown();
        github.close();
        linuxDo.close();
    }

    @BeforeEach
    void configure() {
        client = new ManagementClient(port);
        Login root = client.login(user(Role.ROOT), PASSWORD);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("ServerAddress", "http://127.0.0.1:" + port);
        options.put("GitHubOAuthEnabled", "true");
        options.put("GitHubClientId", "gh-client");
        options.put("GitHubClientSecret", "gh-secret");
        options.put("GitHubAuthorizationEndpoint", github.url("/authorize"));
        options.put("GitHubTokenEndpoint", github.url("/token"));
        options.put("GitHubApiEndpoint", github.url(""));
        options.put("LinuxDOOAuthEnabled", "true");
        options.put("LinuxDOClientId", "ld-client");
        options.put("LinuxDOClientSecret", "ld-secret");
        options.put("LinuxDOAuthorizationEndpoint", linuxDo.url("/authorize"));
        options.put("LinuxDOTokenEndpoint", linuxDo.url("/token"));
        options.put("LinuxDOUserEndpoint", linuxDo.url("/user"));
        options.put("LinuxDOMinimumTrustLevel", "2");
        options.put("TelegramOAuthEnabled", "true");
        options.put("TelegramBotName", "llm402_test_bot");
        options.put("TelegramBotToken", BOT_TOKEN);
        options.put("oidc.enabled", "true");
        options.put("oidc.client_id", "llm402");
        options.put("oidc.client_secret", "oidc-secret");
        options.put("oidc.well_known", oidc.wellKnownUrl("default").toString());
        github.registeredCallback = "http://127.0.0.1:" + port + "/oauth/github";
        linuxDo.registeredCallback = "http://127.0.0.1:" + port + "/oauth/linuxdo";
        options.forEach((key, value) -> assertThat(client.call(root, "PUT", "/api/option/",
                Map.of("key", key, "value", value)).status()).as(key).isEqualTo(200));
    }

    @Test
    void statusShowsTheLoginsAndTheirPublicIdsButOptionsNeverShowTheSecrets() {
        Answer status = client.call(Login.GUEST, "GET", "/api/status", null);
        assertThat(status.data().path("github_oauth").asBoolean()).isTrue();
        assertThat(status.data().path("github_client_id").asString()).isEqualTo("gh-client");
        assertThat(status.data().path("linuxdo_minimum_trust_level").asInt()).isEqualTo(2);
        assertThat(status.data().path("telegram_bot_name").asString()).isEqualTo("llm402_test_bot");
        assertThat(status.data().path("oidc_enabled").asBoolean()).isTrue();
        assertThat(status.raw().body()).doesNotContain("gh-secret", "oidc-secret", BOT_TOKEN);

        Login root = client.login(user(Role.ROOT), PASSWORD);
        String options = client.call(root, "GET", "/api/option/", null).raw().body();
        assertThat(options).contains("GitHubClientId").doesNotContain("gh-secret", "ld-secret", "oidc-secret",
                BOT_TOKEN, "GitHubClientSecret", "oidc.client_secret", "TelegramBotToken");
    }

    // --- GitHub: bound by the numeric id

    @Test
    void gitHubRegistersByNumericIdAndARenamedAccountIsStillTheSameUser() {
        long id = 583_000 + NAMES.incrementAndGet();
        String login = "octo" + id;
        github.nextUser = Map.of("id", id, "login", login, "name", "Octo Cat", "email", "typed@example.com");
        github.emails = List.of(Map.of("email", "old@example.com", "primary", false, "verified", true),
                Map.of("email", login + "@example.com", "primary", true, "verified", true));
        LoginBrowser browser = browser();
        assertThat(browser.walk("/oauth2/authorization/github").lastLocation()).isEqualTo("/console");
        github.emails = List.of();
        UserView user = boundUser(ExternalIdentityKey.of(ExternalProvider.GITHUB, Long.toString(id)));
        assertThat(user.username()).isEqualTo(login);
        assertThat(user.email()).as("the primary verified address, not the profile's").isEqualTo(login + "@example.com");
        assertThat(user.hasPassword()).isFalse();
        assertThat(self(browser, user).status()).isEqualTo(200);

        github.nextUser = Map.of("id", id, "login", "renamed" + id);
        LoginBrowser again = browser();
        assertThat(again.walk("/oauth2/authorization/github").lastLocation()).isEqualTo("/console");
        assertThat(self(again, user).data().path("username").asString()).isEqualTo(login);

        // Someone who took the old login name is someone else, under a generated name.
        github.nextUser = Map.of("id", id + 1_000_000, "login", login);
        browser().walk("/oauth2/authorization/github");
        UserView other = boundUser(ExternalIdentityKey.of(ExternalProvider.GITHUB, Long.toString(id + 1_000_000)));
        assertThat(other.userId()).isNotEqualTo(user.userId());
        assertThat(other.username()).startsWith("github_");
    }

    @Test
    void aForgedOrReplayedCallbackLogsNobodyIn() {
        github.nextUser = Map.of("id", 777_000 + NAMES.incrementAndGet(), "login", "forger");
        LoginBrowser victim = browser();
        // A callback with a state this browser never started is refused before any code exchange.
        int before = github.tokenRequests;
        LoginBrowser.Walk forged = victim.walk("/oauth/github?code=stolen&state=made-up");
        assertThat(forged.lastLocation()).startsWith("/console/login?error=");
        assertThat(github.tokenRequests).isEqualTo(before);

        LoginBrowser browser = browser();
        LoginBrowser.Walk walk = browser.walk("/oauth2/authorization/github");
        assertThat(walk.lastLocation()).isEqualTo("/console");
        String callback = walk.locations().stream().filter(l -> l.contains("/oauth/github?")).findFirst().orElseThrow();
        assertThat(browser.walk(callback.substring(callback.indexOf("/oauth/github"))).lastLocation())
                .as("the state was used once").startsWith("/console/login?error=");
    }

    // --- LINUX DO: the trust level at registration and at every login

    @Test
    void linuxDoRefusesATrustLevelBelowTheMinimumAndSilencedAccounts() {
        long id = 4_200 + NAMES.incrementAndGet();
        ExternalIdentityKey key = ExternalIdentityKey.of(ExternalProvider.LINUX_DO, Long.toString(id));
        linuxDo.nextUser = Map.of("id", id, "username", "lindy" + id, "trust_level", 1, "active", true,
                "silenced", false);
        LoginBrowser.Walk low = browser().walk("/oauth2/authorization/linuxdo");
        assertThat(decodedError(low)).contains("trust level 1 is below the minimum 2");
        assertThat(identity(key)).isEmpty();

        linuxDo.nextUser = Map.of("id", id, "username", "lindy" + id, "trust_level", 3, "active", true,
                "silenced", false);
        assertThat(browser().walk("/oauth2/authorization/linuxdo").lastLocation()).isEqualTo("/console");
        assertThat(boundUser(key).username()).isEqualTo("lindy" + id);

        linuxDo.nextUser = Map.of("id", id, "username", "lindy" + id, "trust_level", 3, "active", true,
                "silenced", true);
        assertThat(decodedError(browser().walk("/oauth2/authorization/linuxdo"))).contains("silenced");
        linuxDo.nextUser = Map.of("id", id, "username", "lindy" + id, "trust_level", 0, "active", true,
                "silenced", false);
        assertThat(decodedError(browser().walk("/oauth2/authorization/linuxdo")))
                .as("checked at every login, not only at registration").contains("below the minimum");
    }

    // --- OIDC against mock-oauth2-server

    @Test
    void oidcLogsInWithPkceStateAndNonceAndRegistersByIssuerAndSubject() {
        String subject = "alice-sub-" + NAMES.incrementAndGet();
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of("llm402"),
                Map.of("preferred_username", "alice" + subject.hashCode() % 1000, "name", "Alice"), 3600));
        LoginBrowser browser = browser();
        LoginBrowser.Walk walk = browser.walk("/oauth2/authorization/oidc");
        String authorize = walk.locations().getFirst();
        assertThat(authorize).contains("code_challenge_method=S256", "code_challenge=", "nonce=", "state=",
                "redirect_uri=http://127.0.0.1:" + port + "/oauth/oidc&");
        assertThat(walk.lastLocation()).isEqualTo("/console");
        ExternalIdentityKey key = new ExternalIdentityKey(ExternalProvider.OIDC,
                oidc.issuerUrl("default").toString(), subject);
        UserView user = boundUser(key);
        assertThat(self(browser, user).data().path("display_name").asString()).isEqualTo("Alice");
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        String subject = "expired-" + NAMES.incrementAndGet();
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of("llm402"),
                Map.of(), -3600));
        LoginBrowser.Walk walk = browser().walk("/oauth2/authorization/oidc");
        assertThat(walk.lastLocation()).startsWith("/console/login?error=");
        assertThat(identity(new ExternalIdentityKey(ExternalProvider.OIDC, oidc.issuerUrl("default").toString(),
                subject))).isEmpty();
    }

    @Test
    void anIdTokenWithAWrongSignatureAudienceIssuerOrNonceIsRefused() throws Exception {
        try (HandMadeOidcProvider provider = new HandMadeOidcProvider("llm402")) {
            Login root = client.login(user(Role.ROOT), PASSWORD);
            assertThat(client.call(root, "PUT", "/api/option/", Map.of("key", "oidc.well_known",
                    "value", provider.issuer())).status()).isEqualTo(200);
            for (HandMadeOidcProvider.Flaw flaw : HandMadeOidcProvider.Flaw.values()) {
                provider.flaw = flaw;
                String subject = flaw + "-" + NAMES.incrementAndGet();
                provider.subject = subject;
                LoginBrowser.Walk walk = browser().walk("/oauth2/authorization/oidc");
                ExternalIdentityKey key = new ExternalIdentityKey(ExternalProvider.OIDC, provider.issuer(), subject);
                if (flaw == HandMadeOidcProvider.Flaw.NONE) {
                    assertThat(walk.lastLocation()).as("the provider itself works").isEqualTo("/console");
                    assertThat(identity(key)).isPresent();
                } else {
                    assertThat(walk.lastLocation()).as(flaw.name()).startsWith("/console/login?error=");
                    assertThat(identity(key)).as(flaw.name()).isEmpty();
                }
            }
        }
    }

    // --- binding: only with an intent the user started

    @Test
    void aSessionAloneNeverBindsButABindIntentDoesAndTheUserMayUnbindWhileAPasswordRemains() {
        String username = user(Role.USER);
        Login login = client.login(username, PASSWORD);
        UserView me = readModel.userByNumber(login.id()).orElseThrow();
        long id = 900_000 + NAMES.incrementAndGet();
        github.nextUser = Map.of("id", id, "login", "binder" + id);

        LoginBrowser browser = browserWith(login.cookie());
        browser.walk("/oauth2/authorization/github");
        assertThat(bindings(me.userId()).identities()).as("no intent, no binding").isEmpty();

        // That login switched the browser to the GitHub account's user; log in with the password again.
        login = client.login(username, PASSWORD);
        Answer start = client.call(login, "POST", "/api/user/oauth/github/bind", Map.of());
        assertThat(start.data().path("url").asString()).as(start.raw().body()).isEqualTo("/oauth2/authorization/github");
        github.nextUser = Map.of("id", id + 1, "login", "binder" + (id + 1));
        LoginBrowser sameSession = browserWith(login.cookie());
        assertThat(sameSession.walk("/oauth2/authorization/github").lastLocation()).isEqualTo("/console?bound=github");
        assertThat(bindings(me.userId()).of("github")).get().extracting(ExternalIdentityView::subject)
                .isEqualTo(Long.toString(id + 1));
        // That GitHub account now logs in as this user.
        LoginBrowser viaGithub = browser();
        assertThat(viaGithub.walk("/oauth2/authorization/github").lastLocation()).isEqualTo("/console");
        assertThat(self(viaGithub, me).data().path("username").asString()).isEqualTo(username);

        // The account bound elsewhere (the intent-less login above registered it) cannot be bound here.
        client.call(login, "POST", "/api/user/oauth/github/bind", Map.of());
        assertThat(client.call(login, "DELETE", "/api/user/self/bindings/github", null).status()).isEqualTo(200);
        assertThat(bindings(me.userId()).identities()).isEmpty();
        github.nextUser = Map.of("id", id, "login", "binder" + id);
        client.call(login, "POST", "/api/user/oauth/github/bind", Map.of());
        assertThat(decodedError(browserWith(login.cookie()).walk("/oauth2/authorization/github")))
                .contains("already bound to another user");
    }

    @Test
    void anExternalLoginNeverSkipsTheSecondFactor() throws Exception {
        String username = user(Role.USER);
        Login login = client.login(username, PASSWORD);
        var setUp = client.call(login, "POST", "/api/user/2fa/setup", Map.of()).data();
        String secret = setUp.path("secret").asString();
        String backupCode = setUp.path("backup_codes").get(0).asString();
        long step = Instant.now().getEpochSecond() / 30;
        assertThat(client.call(login, "POST", "/api/user/2fa/enable", Map.of("code", Totp.code(secret, step))).status())
                .isEqualTo(200);
        long id = 300_000 + NAMES.incrementAndGet();
        github.nextUser = Map.of("id", id, "login", "twofa" + id);
        Login second = secondFactorLogin(username, secret, step + 1);
        client.call(second, "POST", "/api/user/oauth/github/bind", Map.of());
        assertThat(browserWith(second.cookie()).walk("/oauth2/authorization/github").lastLocation())
                .isEqualTo("/console?bound=github");

        LoginBrowser browser = browser();
        assertThat(browser.walk("/oauth2/authorization/github").lastLocation()).isEqualTo("/console/login?step=2fa");
        UserView me = readModel.user(io.llm402.domain.shared.NaturalIds.userId(username)).orElseThrow();
        assertThat(self(browser, me).status()).as("not logged in before the code").isEqualTo(401);
        // The time steps around now are used up; a backup code completes it.
        Answer verified = client.call(new Login(browser.sessionCookie(), null, 0), "POST", "/api/user/login/2fa",
                Map.of("code", backupCode));
        assertThat(verified.status()).as(verified.raw().body()).isEqualTo(200);
        assertThat(verified.data().path("username").asString()).isEqualTo(username);
    }

    /** Password, then the code: the session of a user whose second factor is on. */
    private Login secondFactorLogin(String username, String secret, long step) throws Exception {
        Answer first = client.call(Login.GUEST, "POST", "/api/user/login", Map.of("username", username,
                "password", PASSWORD));
        String pending = first.raw().headers().firstValue("Set-Cookie").orElseThrow();
        Answer done = client.call(new Login(pending.substring(0, pending.indexOf(';')), null, 0), "POST",
                "/api/user/login/2fa", Map.of("code", Totp.code(secret, step)));
        assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
        String cookie = done.raw().headers().firstValue("Set-Cookie").orElseThrow();
        return new Login(cookie.substring(0, cookie.indexOf(';')), null, done.data().path("id").asLong());
    }

    @Test
    void theOnlyWayToLogInCannotBeUnbound() {
        long id = 600_000 + NAMES.incrementAndGet();
        github.nextUser = Map.of("id", id, "login", "solo" + id);
        LoginBrowser browser = browser();
        browser.walk("/oauth2/authorization/github");
        UserView user = boundUser(ExternalIdentityKey.of(ExternalProvider.GITHUB, Long.toString(id)));
        Answer refused = api(browser, "DELETE", "/api/user/self/bindings/github", user);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asString()).contains("only way to log in");

        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        assertThat(client.call(admin, "DELETE", "/api/user/" + user.number() + "/bindings/github", null).status())
                .as("an admin may clear it").isEqualTo(200);
        assertThat(bindings(user.userId()).identities()).isEmpty();
    }

    // --- Telegram: signed payloads, at most 10 minutes old, each used once

    @Test
    void telegramLogsInABoundAccountOnceAndRefusesStaleFutureTamperedForeignAndReplayedPayloads() {
        String username = user(Role.USER);
        Login login = client.login(username, PASSWORD);
        String telegramId = Long.toString(70_000_000 + NAMES.incrementAndGet());
        Instant now = Instant.now();

        Answer unbound = client.call(Login.GUEST, "GET", "/api/oauth/telegram/login?"
                + TelegramPayloads.signed(telegramId, now, BOT_TOKEN), null);
        assertThat(unbound.status()).as("Telegram never registers").isEqualTo(403);

        HttpResponse<String> noIntent = browserWith(login.cookie()).get("/api/oauth/telegram/bind?"
                + TelegramPayloads.signed(telegramId, now.minusSeconds(1), BOT_TOKEN));
        assertThat(noIntent.statusCode()).isEqualTo(403);
        client.call(login, "POST", "/api/user/oauth/telegram/bind", Map.of());
        LoginBrowser.Walk bound = browserWith(login.cookie()).walk("/api/oauth/telegram/bind?"
                + TelegramPayloads.signed(telegramId, now.minusSeconds(2), BOT_TOKEN));
        assertThat(bound.lastLocation()).isEqualTo("/console?bound=telegram");

        String fresh = TelegramPayloads.signed(telegramId, now.minusSeconds(3), BOT_TOKEN);
        Answer loggedIn = client.call(Login.GUEST, "GET", "/api/oauth/telegram/login?" + fresh, null);
        assertThat(loggedIn.status()).isEqualTo(200);
        assertThat(loggedIn.data().path("username").asString()).isEqualTo(username);
        assertThat(client.call(Login.GUEST, "GET", "/api/oauth/telegram/login?" + fresh, null).code())
                .isEqualTo("TELEGRAM_LOGIN_REPLAYED");

        for (String bad : List.of(TelegramPayloads.signed(telegramId, now.minus(Duration.ofMinutes(11)), BOT_TOKEN),
                TelegramPayloads.signed(telegramId, now.plus(Duration.ofMinutes(5)), BOT_TOKEN),
                TelegramPayloads.signed(telegramId, now.minusSeconds(4), BOT_TOKEN).replace("id=" + telegramId, "id=1"),
                TelegramPayloads.signed(telegramId, now.minusSeconds(5), "987654321:ANOTHER-bot"))) {
            Answer refused = client.call(Login.GUEST, "GET", "/api/oauth/telegram/login?" + bad, null);
            assertThat(refused.status()).as(bad).isEqualTo(401);
        }
    }

    @Test
    void telegramsWidgetOnTheConsoleLogsInThroughARedirectAndSaysWhyItDidNot() {
        String username = user(Role.USER);
        Login login = client.login(username, PASSWORD);
        UserView me = readModel.userByNumber(login.id()).orElseThrow();
        String telegramId = Long.toString(71_000_000 + NAMES.incrementAndGet());
        Instant now = Instant.now();
        client.call(login, "POST", "/api/user/oauth/telegram/bind", Map.of());
        assertThat(browserWith(login.cookie()).walk("/api/oauth/telegram/bind?"
                + TelegramPayloads.signed(telegramId, now.minusSeconds(1), BOT_TOKEN)).lastLocation())
                .isEqualTo("/console?bound=telegram");

        LoginBrowser browser = browser();
        assertThat(browser.walk("/api/oauth/telegram/login/redirect?"
                + TelegramPayloads.signed(telegramId, now.minusSeconds(2), BOT_TOKEN)).lastLocation())
                .isEqualTo("/console");
        assertThat(self(browser, me).data().path("telegram_id").asString()).isEqualTo(telegramId);

        assertThat(decodedError(browser().walk("/api/oauth/telegram/login/redirect?"
                + TelegramPayloads.signed(telegramId, now.minus(Duration.ofMinutes(11)), BOT_TOKEN))))
                .contains("expired");
    }

    // --- new-api's console: it asks for a state, builds the provider's URL itself, and hands the code over as JSON

    @Test
    void newApisConsoleLogsInWithAStateItAskedForUsedOnceInItsOwnSessionAndSeesTheProviderId() {
        long id = 510_000 + NAMES.incrementAndGet();
        github.nextUser = Map.of("id", id, "login", "spa" + id);
        LoginBrowser browser = browser();
        String state = stateFor(browser);
        // As new-api's console builds it: no redirect_uri (the app's registered one), no PKCE.
        Callback callback = authorize(browser, github.url("/authorize?client_id=gh-client&scope=user:email&state="
                + state));
        Answer loggedIn = handOver(browser, "github", callback);
        assertThat(loggedIn.status()).as(loggedIn.raw().body()).isEqualTo(200);
        assertThat(loggedIn.data().path("username").asString()).isEqualTo("spa" + id);
        UserView user = boundUser(ExternalIdentityKey.of(ExternalProvider.GITHUB, Long.toString(id)));
        assertThat(self(browser, user).data().path("github_id").asString()).isEqualTo(Long.toString(id));

        // The state was used: again, or from another browser, it is refused before any code exchange.
        int before = github.tokenRequests;
        Answer again = handOver(browser, "github", callback);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.code()).isEqualTo("OAUTH_STATE_INVALID");
        LoginBrowser other = browser();
        String othersState = stateFor(browser());
        assertThat(api(other, "GET", "/api/oauth/github?code=x&state=" + othersState, null).code())
                .isEqualTo("OAUTH_STATE_INVALID");
        assertThat(github.tokenRequests).isEqualTo(before);
        assertThat(api(other, "GET", "/api/oauth/telegram?code=x&state=y", null).status()).isEqualTo(404);
    }

    @Test
    void newApisConsoleBindsWhenALoggedInUserAskedForTheStateAndTheAdminListShowsIt() {
        String username = user(Role.USER);
        Login login = client.login(username, PASSWORD);
        UserView me = readModel.userByNumber(login.id()).orElseThrow();
        long id = 520_000 + NAMES.incrementAndGet();
        linuxDo.nextUser = Map.of("id", id, "username", "spabind" + id, "trust_level", 2, "active", true,
                "silenced", false);
        LoginBrowser browser = browserWith(login.cookie());
        String state = stateFor(browser);
        Callback callback = authorize(browser, linuxDo.url("/authorize?response_type=code&client_id=ld-client&state="
                + state));
        Answer bound = handOver(browser, "linuxdo", callback);
        assertThat(bound.status()).as(bound.raw().body()).isEqualTo(200);
        assertThat(bound.body().path("message").asString()).isEqualTo("bind");
        assertThat(bindings(me.userId()).of("linuxdo")).get().extracting(ExternalIdentityView::subject)
                .isEqualTo(Long.toString(id));
        assertThat(self(browser, me).data().path("linux_do_id").asString()).as("still logged in as the same user")
                .isEqualTo(Long.toString(id));
        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        assertThat(client.call(admin, "GET", "/api/user/" + me.number(), null).data().path("linux_do_id").asString())
                .isEqualTo(Long.toString(id));
    }

    @Test
    void newApisConsoleLogsInThroughOidcWithTheIdTokenCheckedAndRefusesAnExpiredOne() {
        String subject = "spa-sub-" + NAMES.incrementAndGet();
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of("llm402"),
                Map.of("name", "Spa Alice"), 3600));
        LoginBrowser browser = browser();
        Callback callback = authorize(browser, oidcAuthorizeUrl(stateFor(browser)));
        Answer loggedIn = handOver(browser, "oidc", callback);
        assertThat(loggedIn.status()).as(loggedIn.raw().body()).isEqualTo(200);
        UserView user = boundUser(new ExternalIdentityKey(ExternalProvider.OIDC, oidc.issuerUrl("default").toString(),
                subject));
        assertThat(self(browser, user).data().path("oidc_id").asString()).isEqualTo(subject);

        String expired = "spa-expired-" + NAMES.incrementAndGet();
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", expired, "JWT", List.of("llm402"),
                Map.of(), -3600));
        LoginBrowser late = browser();
        Callback lateCallback = authorize(late, oidcAuthorizeUrl(stateFor(late)));
        Answer refused = handOver(late, "oidc", lateCallback);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("EXTERNAL_LOGIN_REFUSED");
        assertThat(identity(new ExternalIdentityKey(ExternalProvider.OIDC, oidc.issuerUrl("default").toString(),
                expired))).isEmpty();
    }

    @Test
    void aLoginStartedAtTheGatewayMayBeFinishedByNewApisConsoleWithPkceKept() {
        long id = 530_000 + NAMES.incrementAndGet();
        github.nextUser = Map.of("id", id, "login", "mixed" + id);
        LoginBrowser browser = browser();
        // /oauth2/authorization/github answers with the provider's URL (PKCE and all); the provider sends the
        // browser to the callback page, which here is new-api's console handing the code over.
        String authorizeUrl = browser.get("/oauth2/authorization/github").headers().firstValue("Location")
                .orElseThrow();
        assertThat(authorizeUrl).contains("code_challenge=");
        Callback callback = authorize(browser, authorizeUrl);
        Answer loggedIn = handOver(browser, "github", callback);
        assertThat(loggedIn.status()).as(loggedIn.raw().body()).isEqualTo(200);
        assertThat(loggedIn.data().path("username").asString()).isEqualTo("mixed" + id);
    }

    private record Callback(String code, String state) {
    }

    /** What new-api's console page at the callback URL does: the code and state to the gateway, JSON back. */
    private static Answer handOver(LoginBrowser browser, String provider, Callback callback) {
        HttpResponse<String> answer = browser.get("/api/oauth/" + provider + "?code=" + callback.code() + "&state="
                + URLEncoder.encode(callback.state(), StandardCharsets.UTF_8));
        return new Answer(answer.statusCode(), JSON.readTree(answer.body()), answer);
    }

    private String stateFor(LoginBrowser browser) {
        HttpResponse<String> answer = browser.get("/api/oauth/state?aff=");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String state = JSON.readTree(answer.body()).path("data").asString();
        assertThat(state).hasSizeGreaterThanOrEqualTo(32);
        return state;
    }

    private String oidcAuthorizeUrl(String state) {
        return oidc.authorizationEndpointUrl("default") + "?client_id=llm402&redirect_uri="
                + URLEncoder.encode("http://127.0.0.1:" + port + "/oauth/oidc", StandardCharsets.UTF_8)
                + "&response_type=code&scope=openid+profile+email&state=" + state;
    }

    /** The provider's authorize step, up to the redirect to the callback page (which new-api's console serves). */
    private static Callback authorize(LoginBrowser browser, String authorizeUrl) {
        HttpResponse<String> answer = browser.get(authorizeUrl);
        String location = answer.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError(answer.statusCode() + " " + answer.body()));
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new Callback(query.get("code"), query.get("state"));
    }

    // --- helpers

    private String user(Role role) {
        String username = "ext-" + role.wireName() + "-" + NAMES.incrementAndGet();
        ManagementClient.createUser(commands, queries, username, PASSWORD, role);
        return username;
    }

    private Optional<ExternalIdentityView> identity(ExternalIdentityKey key) {
        return readModel.queryOptional(new FindExternalIdentityQuery(key.identityId()), ExternalIdentityView.class);
    }

    private UserView boundUser(ExternalIdentityKey key) {
        ExternalIdentityView identity = identity(key).orElseThrow(() -> new AssertionError("not bound: " + key));
        return readModel.user(identity.userId()).orElseThrow();
    }

    private Bindings bindings(String userId) {
        return readModel.query(new ListBindingsQuery(userId), Bindings.class);
    }

    private static String decodedError(LoginBrowser.Walk walk) {
        assertThat(walk.lastLocation()).startsWith("/console/login?error=");
        return URLDecoder.decode(walk.lastLocation().substring("/console/login?error=".length()),
                StandardCharsets.UTF_8);
    }

    private LoginBrowser browser() {
        return new LoginBrowser(port);
    }

    private LoginBrowser browserWith(String cookie) {
        return LoginBrowser.withSession(port, cookie);
    }

    /** A management call with the browser's session, as the user it belongs to (if known). */
    private Answer api(LoginBrowser browser, String method, String path, @Nullable UserView user) {
        return client.call(new Login(browser.sessionCookie(), null, user == null ? 0 : user.number()), method, path,
                null);
    }

    private Answer self(LoginBrowser browser, UserView user) {
        return api(browser, "GET", "/api/user/self", user);
    }
}

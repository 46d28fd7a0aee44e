package io.llm402.ops.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llm402.domain.account.api.Role;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.ops.management.ManagementClient.Answer;
import io.llm402.ops.management.ManagementClient.Login;
import io.llm402.ops.testsupport.Llm402AppTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The management API as new-api's console and scripts use it, and new-api's account bugs (identity.md §1.7) each
 * with the check that would catch it here.
 */
@Llm402AppTest
class ManagementApiTest {

    private static final String PASSWORD = "correct-horse-1";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    EventStore events;

    private ManagementClient client;

    @BeforeEach
    void setUp() {
        client = new ManagementClient(port);
    }

    private String user(Role role) {
        String username = role.wireName() + "-" + NAMES.incrementAndGet();
        ManagementClient.createUser(commands, queries, username, PASSWORD, role);
        return username;
    }

    @Test
    void anAdminCreatesAUserWhoLogsInAndSeesThemselves() {
        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        Answer created = client.call(admin, "POST", "/api/user/", Map.of("username", "carol-api",
                "password", PASSWORD, "display_name", "Carol"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.success()).isTrue();

        Login carol = client.login("carol-api", PASSWORD);
        JsonNode self = client.call(carol, "GET", "/api/user/self", null).data();
        assertThat(self.path("username").asString()).isEqualTo("carol-api");
        assertThat(self.path("display_name").asString()).isEqualTo("Carol");
        assertThat(self.path("role").asInt()).isEqualTo(1);
        assertThat(self.path("status").asInt()).isEqualTo(1);
        assertThat(self.path("id").asLong()).isEqualTo(carol.id());

        Answer page = client.call(admin, "GET", "/api/user/search?keyword=carol-api&p=1&page_size=5", null);
        assertThat(page.data().path("total").asLong()).isEqualTo(1);
        assertThat(page.data().path("page_size").asInt()).isEqualTo(5);
        assertThat(page.data().path("items").get(0).path("username").asString()).isEqualTo("carol-api");

        assertThat(client.call(admin, "POST", "/api/user/", Map.of("username", "carol-api", "password", PASSWORD))
                .status()).as("the username is taken").isEqualTo(409);
    }

    @Test
    void theEventsOfAnAdminsActionNameTheAdmin() {
        String adminName = user(Role.ADMIN);
        Login admin = client.login(adminName, PASSWORD);
        String created = "audited-" + NAMES.incrementAndGet();
        client.call(admin, "POST", "/api/user/", Map.of("username", created, "password", PASSWORD));

        DomainEventMessage<?> registered = events.readEvents(
                io.llm402.domain.shared.NaturalIds.userId(created)).asStream().findFirst().orElseThrow();
        assertThat(registered.getMetaData().get(ManagementCommands.ACTOR))
                .isEqualTo(io.llm402.domain.shared.NaturalIds.userId(adminName));
        assertThat(registered.getMetaData().get(ManagementCommands.ACTOR_ROLE)).isEqualTo("admin");
    }

    @Test
    void anApiKeyIsShownWholeOnceAndWorksAtOnce() {
        Login alice = client.login(user(Role.USER), PASSWORD);
        Answer created = client.call(alice, "POST", "/api/token/", Map.of("name", "ci", "remain_quota", 500_000,
                "expired_time", -1, "model_limits_enabled", true, "model_limits", "gpt-4o-mini,gpt-4o",
                "allow_ips", "10.0.0.0/8\n2001:db8::/32"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        String key = created.data().path("key").asString();
        assertThat(key).startsWith("sk-").hasSize(51);
        long id = created.data().path("id").asLong();
        assertThat(created.data().path("remain_quota").asLong()).isEqualTo(500_000);
        assertThat(created.data().path("model_limits").asString()).isEqualTo("gpt-4o-mini,gpt-4o");
        assertThat(created.data().path("allow_ips").asString()).isEqualTo("10.0.0.0/8\n2001:db8::/32");

        // The key is known to the relay's routes at once.
        Answer usage = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/usage/token"))
                .header("Authorization", "Bearer " + key).build());
        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.body().path("name").asString()).isEqualTo("ci");
        assertThat(usage.body().path("granted_usd").asString()).isEqualTo("1.00");

        Answer list = client.call(alice, "GET", "/api/token/?p=1&size=10", null);
        assertThat(list.data().path("total").asLong()).isEqualTo(1);
        String listed = list.data().path("items").get(0).path("key").asString();
        assertThat(listed).isNotEqualTo(key).contains("…").hasSizeLessThan(12);
        assertThat(list.raw().body()).doesNotContain(key.substring(3));
        assertThat(client.call(alice, "GET", "/api/token/" + id, null).raw().body()).doesNotContain(key.substring(3));

        Answer reveal = client.call(alice, "POST", "/api/token/" + id + "/key", Map.of());
        assertThat(reveal.status()).isEqualTo(410);
        assertThat(reveal.success()).isFalse();
    }

    @Test
    void aKeyIsEditedDisabledAndDeletedOnlyByItsOwner() {
        Login alice = client.login(user(Role.USER), PASSWORD);
        Login bob = client.login(user(Role.USER), PASSWORD);
        long id = client.call(alice, "POST", "/api/token/", Map.of("name", "mine", "unlimited_quota", true))
                .data().path("id").asLong();

        assertThat(client.call(bob, "GET", "/api/token/" + id, null).status()).isEqualTo(404);
        assertThat(client.call(bob, "PUT", "/api/token/", Map.of("id", id, "name", "stolen", "unlimited_quota", true))
                .status()).isEqualTo(404);
        assertThat(client.call(bob, "DELETE", "/api/token/" + id, null).status()).isEqualTo(404);
        assertThat(client.call(bob, "POST", "/api/token/batch", Map.of("ids", List.of(id))).status()).isEqualTo(404);

        Answer edited = client.call(alice, "PUT", "/api/token/", Map.of("id", id, "name", "renamed",
                "unlimited_quota", false, "remain_quota", 1000, "group", "vip"));
        assertThat(edited.data().path("name").asString()).isEqualTo("renamed");
        assertThat(edited.data().path("unlimited_quota").asBoolean()).isFalse();
        assertThat(edited.data().path("group").asString()).isEqualTo("vip");

        Answer disabled = client.call(alice, "PUT", "/api/token/?status_only=1", Map.of("id", id, "status", 2));
        assertThat(disabled.data().path("status").asInt()).isEqualTo(2);

        long other = client.call(alice, "POST", "/api/token/", Map.of("name", "other", "unlimited_quota", true))
                .data().path("id").asLong();
        Answer batch = client.call(alice, "POST", "/api/token/batch", Map.of("ids", List.of(id, other)));
        assertThat(batch.data().asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.call(alice, "GET", "/api/token/", null).data().path("total").asLong()).isZero());
    }

    @Test
    void badInputIsAFieldLevel400InTheEnvelope() {
        Login alice = client.login(user(Role.USER), PASSWORD);
        Answer badIp = client.call(alice, "POST", "/api/token/", Map.of("name", "x", "allow_ips", "not-an-ip"));
        assertThat(badIp.status()).isEqualTo(400);
        assertThat(badIp.body().path("message").asString()).contains("allow_ips");
        Answer noName = client.call(alice, "POST", "/api/token/", Map.of("name", ""));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body().path("message").asString()).contains("name");
        Answer broken = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/token/"))
                .header("Cookie", alice.cookie()).header("New-Api-User", Long.toString(alice.id()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{nope")).build());
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.success()).isFalse();
        assertThat(client.call(alice, "GET", "/api/token/?p=0", null).status()).isEqualTo(400);
        assertThat(client.call(alice, "GET", "/api/token/abc", null).status()).isEqualTo(400);
    }

    // --- new-api's bugs (identity.md §1.7)

    /** S1: no view carries a password, a hash, an access token or a whole key. */
    @Test
    void s1NoViewCarriesASecret() {
        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        String token = client.call(admin, "GET", "/api/user/token", null).data().asString();
        String key = client.call(admin, "POST", "/api/token/", Map.of("name", "k", "unlimited_quota", true))
                .data().path("key").asString();
        for (String path : List.of("/api/user/self", "/api/user/", "/api/user/search?keyword=", "/api/token/")) {
            String body = client.call(admin, "GET", path, null).raw().body();
            assertThat(body).as(path).doesNotContain(token, key.substring(3), PASSWORD, "$2a$")
                    .doesNotContainIgnoringCase("access_token").doesNotContainIgnoringCase("password");
        }
    }

    /** S2: the access token works by its digest; a new one kills the old one. */
    @Test
    void s2TheAccessTokenIsReplacedByTheNextOne() {
        Login alice = client.login(user(Role.USER), PASSWORD);
        String first = client.call(alice, "GET", "/api/user/token", null).data().asString();
        assertThat(first).hasSize(32);
        assertThat(client.call(alice.withAccessToken(first), "GET", "/api/user/self", null).status()).isEqualTo(200);
        assertThat(client.call(alice.withAccessToken("Bearer " + first), "GET", "/api/token/", null).status())
                .isEqualTo(200);

        String second = client.call(alice, "GET", "/api/user/token", null).data().asString();
        assertThat(client.call(alice.withAccessToken(first), "GET", "/api/user/self", null).status()).isEqualTo(401);
        assertThat(client.call(alice.withAccessToken(second), "GET", "/api/user/self", null).status()).isEqualTo(200);
        // Routes that change credentials want a browser login.
        assertThat(client.call(alice.withAccessToken(second), "GET", "/api/user/token", null).status())
                .isEqualTo(403);
        assertThat(client.call(alice.withAccessToken(second), "PUT", "/api/user/self", Map.of()).status())
                .isEqualTo(403);
    }

    /** S3: role and status are read per request; a password change ends the other sessions. */
    @Test
    void s3ADemotedOrDisabledUserLosesPowerAtTheNextRequest() {
        Login root = client.login(user(Role.ROOT), PASSWORD);
        String adminName = user(Role.ADMIN);
        Login admin = client.login(adminName, PASSWORD);
        assertThat(client.call(admin, "GET", "/api/user/", null).status()).isEqualTo(200);

        assertThat(client.call(root, "POST", "/api/user/manage", Map.of("id", admin.id(), "action", "demote"))
                .data().path("role").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.call(admin, "GET", "/api/user/", null).status()).isIn(401, 403));

        Login user = client.login(adminName, PASSWORD);
        assertThat(client.call(user, "GET", "/api/user/", null).status()).isEqualTo(403);
        client.call(root, "POST", "/api/user/manage", Map.of("id", user.id(), "action", "disable"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Answer refused = client.call(user, "GET", "/api/user/self", null);
            assertThat(refused.status()).isEqualTo(401);
        });
        Answer login = client.call(Login.GUEST, "POST", "/api/user/login",
                Map.of("username", adminName, "password", PASSWORD));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.body().path("message").asString()).isEqualTo("User has been banned.");
    }

    @Test
    void s3APasswordChangeEndsEveryOtherSession() {
        String name = user(Role.USER);
        Login laptop = client.login(name, PASSWORD);
        Login phone = client.login(name, PASSWORD);

        Answer wrong = client.call(laptop, "PUT", "/api/user/self", Map.of("password", "new-password-2",
                "original_password", "not-it"));
        assertThat(wrong.status()).isEqualTo(403);
        Answer changed = client.call(laptop, "PUT", "/api/user/self", Map.of("password", "new-password-2",
                "original_password", PASSWORD));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);

        assertThat(client.call(laptop, "GET", "/api/user/self", null).status()).as("this session").isEqualTo(200);
        Answer other = client.call(phone, "GET", "/api/user/self", null);
        assertThat(other.status()).isEqualTo(401);
        assertThat(other.code()).isEqualTo("AUTH_SESSION_REVOKED");
        assertThat(client.login(name, "new-password-2").id()).isEqualTo(laptop.id());
    }

    /** new-api's guard rules: an admin acts only on lower roles; root is never disabled, deleted or demoted. */
    @Test
    void anAdminActsOnlyOnLowerRolesAndRootIsNeverRemoved() {
        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        Login otherAdmin = client.login(user(Role.ADMIN), PASSWORD);
        Login root = client.login(user(Role.ROOT), PASSWORD);
        Login someone = client.login(user(Role.USER), PASSWORD);

        assertThat(client.call(admin, "GET", "/api/user/" + otherAdmin.id(), null).status()).isEqualTo(403);
        assertThat(client.call(admin, "POST", "/api/user/manage", Map.of("id", otherAdmin.id(), "action", "disable"))
                .status()).isEqualTo(403);
        assertThat(client.call(admin, "POST", "/api/user/manage", Map.of("id", someone.id(), "action", "promote"))
                .status()).as("only root promotes").isEqualTo(403);
        assertThat(client.call(admin, "POST", "/api/user/", Map.of("username", "made-admin-" + NAMES.incrementAndGet(),
                "password", PASSWORD, "role", 10)).status()).as("no role equal to one's own").isEqualTo(403);
        assertThat(client.call(admin, "PUT", "/api/user/", Map.of("id", someone.id(), "role", 10)).status())
                .isEqualTo(403);
        assertThat(client.call(admin, "GET", "/api/user/" + someone.id(), null).status()).isEqualTo(200);

        for (String action : List.of("disable", "delete", "demote")) {
            assertThat(client.call(root, "POST", "/api/user/manage", Map.of("id", root.id(), "action", action))
                    .status()).as(action + " root").isEqualTo(403);
        }
        assertThat(client.call(root, "DELETE", "/api/user/self", null).status()).isEqualTo(403);
        assertThat(client.call(root, "POST", "/api/user/manage", Map.of("id", someone.id(), "action", "promote"))
                .data().path("role").asInt()).isEqualTo(10);
    }

    /** S11: deleting a user answers success when it worked, and the user is gone. */
    @Test
    void s11DeletingAUserAnswersSuccessAndTheUserIsGone() {
        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        String name = user(Role.USER);
        Login doomed = client.login(name, PASSWORD);
        Answer deleted = client.call(admin, "DELETE", "/api/user/" + doomed.id(), null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.success()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.call(admin, "GET", "/api/user/" + doomed.id(), null).status()).isEqualTo(404));
        assertThat(client.call(doomed, "GET", "/api/user/self", null).status()).isEqualTo(401);
        assertThat(client.call(Login.GUEST, "POST", "/api/user/login", Map.of("username", name, "password", PASSWORD))
                .status()).isEqualTo(401);
        assertThat(client.call(admin, "DELETE", "/api/user/999999999", null).status()).isEqualTo(404);
    }

    /** S12: logout needs the caller's New-Api-User header, so a cross-site link cannot log anyone out. */
    @Test
    void s12LogoutAndEveryUserRouteNeedTheNewApiUserHeader() {
        Login alice = client.login(user(Role.USER), PASSWORD);
        Login noHeader = new Login(alice.cookie(), null, 0);
        assertThat(client.call(noHeader, "GET", "/api/user/logout", null).status()).isEqualTo(401);
        assertThat(client.call(noHeader, "GET", "/api/user/self", null).status()).isEqualTo(401);
        Login wrongHeader = new Login(alice.cookie(), null, alice.id() + 1);
        assertThat(client.call(wrongHeader, "GET", "/api/user/self", null).status()).isEqualTo(401);
        assertThat(client.call(alice, "GET", "/api/user/self", null).status()).as("still logged in").isEqualTo(200);

        assertThat(client.call(alice, "POST", "/api/user/logout", null).status()).isEqualTo(200);
        assertThat(client.call(alice, "GET", "/api/user/self", null).status()).isEqualTo(401);
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndChangesAtEveryLogin() {
        String name = user(Role.USER);
        Answer first = client.call(Login.GUEST, "POST", "/api/user/login", Map.of("username", name,
                "password", PASSWORD));
        String cookie = first.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("session=").contains("HttpOnly").contains("SameSite=Lax");
        Login before = client.login(name, PASSWORD);
        Login after = client.login(name, PASSWORD);
        assertThat(after.cookie()).isNotEqualTo(before.cookie());
    }

    @Test
    void wrongPasswordsAreThrottledPerAccount() {
        String name = user(Role.USER);
        int status = 0;
        for (int attempt = 0; attempt < 12 && status != 429; attempt++) {
            status = client.call(Login.GUEST, "POST", "/api/user/login", Map.of("username", name,
                    "password", "wrong-" + attempt)).status();
            assertThat(status).isIn(401, 429);
        }
        assertThat(status).isEqualTo(429);
        assertThat(client.call(Login.GUEST, "POST", "/api/user/login", Map.of("username", name,
                "password", PASSWORD)).status()).as("even the right password waits").isEqualTo(429);
    }

    @Test
    void setupIsDoneAtFirstStartAndCannotBeTakenOver() {
        Answer status = client.call(Login.GUEST, "GET", "/api/setup", null);
        assertThat(status.data().path("status").asBoolean()).isTrue();
        Answer takeover = client.call(Login.GUEST, "POST", "/api/setup", Map.of("username", "evil",
                "password", PASSWORD, "confirmPassword", PASSWORD));
        assertThat(takeover.status()).isEqualTo(409);
        assertThat(takeover.success()).isFalse();
    }

    @Test
    void registeringMakesAnOrdinaryUser() {
        String name = "reg-" + NAMES.incrementAndGet();
        Answer registered = client.call(Login.GUEST, "POST", "/api/user/register", Map.of("username", name,
                "password", PASSWORD, "role", 100));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        Login login = client.login(name, PASSWORD);
        assertThat(client.call(login, "GET", "/api/user/self", null).data().path("role").asInt()).isEqualTo(1);
        assertThat(client.call(Login.GUEST, "POST", "/api/user/register", Map.of("username", name,
                "password", "short")).status()).isEqualTo(400);
    }
}

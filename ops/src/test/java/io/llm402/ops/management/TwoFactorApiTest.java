package io.llm402.ops.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llm402.domain.account.api.Role;
import io.llm402.ops.management.ManagementClient.Answer;
import io.llm402.ops.management.ManagementClient.Login;
import io.llm402.ops.testsupport.Llm402AppTest;
import io.llm402.ops.testsupport.Totp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * TOTP two-factor logins as an authenticator app and new-api's console use them, and new-api's bug S9 (a code
 * reusable within its window, no lock) with the check that would catch it.
 */
@Llm402AppTest
class TwoFactorApiTest {

    private static final String PASSWORD = "correct-horse-1";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;

    private ManagementClient client;

    @BeforeEach
    void setUp() {
        client = new ManagementClient(port);
    }

    /** A user with two-factor authentication on: their name, the secret, the backup codes, the step used. */
    private record Enrolled(String username, String secret, List<String> backupCodes, long step) {
    }

    private Enrolled enrolled() throws Exception {
        String username = "tfa-" + NAMES.incrementAndGet();
        ManagementClient.createUser(commands, queries, username, PASSWORD, Role.USER);
        Login login = client.login(username, PASSWORD);
        JsonNode setUp = client.call(login, "POST", "/api/user/2fa/setup", Map.of()).data();
        String secret = setUp.path("secret").asString();
        assertThat(setUp.path("qr_code_data").asString()).startsWith("otpauth://totp/LLM402%3A" + username)
                .contains("secret=" + secret).contains("digits=6").contains("period=30");
        List<String> backupCodes = setUp.path("backup_codes").valueStream().map(JsonNode::asString).toList();
        assertThat(backupCodes).hasSize(4).allMatch(code -> code.matches("[A-Z0-9]{4}-[A-Z0-9]{4}"));

        long step = Instant.now().getEpochSecond() / 30;
        Answer enabled = client.call(login, "POST", "/api/user/2fa/enable", Map.of("code", Totp.code(secret, step)));
        assertThat(enabled.status()).as(enabled.body().toString()).isEqualTo(200);
        assertThat(client.call(login, "GET", "/api/user/2fa/status", null).data().path("enabled").asBoolean())
                .isTrue();
        return new Enrolled(username, secret, backupCodes, step);
    }

    @Test
    void aPasswordLoginAsksForTheCodeAndTheCodeLogsIn() throws Exception {
        Enrolled user = enrolled();
        Answer first = client.call(Login.GUEST, "POST", "/api/user/login", Map.of("username", user.username(),
                "password", PASSWORD));
        assertThat(first.data().path("require_2fa").asBoolean()).isTrue();
        String cookie = first.raw().headers().firstValue("Set-Cookie").orElseThrow();
        Login pending = new Login(cookie.substring(0, cookie.indexOf(';')), null, 0);
        assertThat(client.call(new Login(pending.cookie(), null, 1), "GET", "/api/user/self", null).status())
                .as("no login before the code").isEqualTo(401);

        Answer second = client.call(pending, "POST", "/api/user/login/2fa", Map.of("code",
                Totp.code(user.secret(), user.step() + 1)));
        assertThat(second.status()).as(second.body().toString()).isEqualTo(200);
        String sessionCookie = second.raw().headers().firstValue("Set-Cookie").orElseThrow();
        Login full = new Login(sessionCookie.substring(0, sessionCookie.indexOf(';')), null,
                second.data().path("id").asLong());
        assertThat(client.call(full, "GET", "/api/user/self", null).status()).isEqualTo(200);
    }

    /** S9: a code's time step is accepted once; five wrong codes lock, even against the right one. */
    @Test
    void s9ACodeIsAcceptedOnceAndWrongCodesLock() throws Exception {
        Enrolled user = enrolled();
        Login pending = pending(user);
        assertThat(client.call(pending, "POST", "/api/user/login/2fa", Map.of("code",
                Totp.code(user.secret(), user.step()))).status()).as("the step that enabled it").isEqualTo(400);

        Enrolled other = enrolled();
        Login locked = pending(other);
        for (int i = 0; i < 5; i++) {
            assertThat(client.call(locked, "POST", "/api/user/login/2fa", Map.of("code", "000000")).status())
                    .isEqualTo(400);
        }
        Answer refused = client.call(locked, "POST", "/api/user/login/2fa", Map.of("code",
                Totp.code(other.secret(), other.step() + 1)));
        assertThat(refused.status()).isEqualTo(429);
    }

    @Test
    void aBackupCodeLogsInOnceAndTurnsTheFactorOff() throws Exception {
        Enrolled user = enrolled();
        String backup = user.backupCodes().getFirst();
        Answer in = client.call(pending(user), "POST", "/api/user/login/2fa", Map.of("code", backup.toLowerCase()));
        assertThat(in.status()).as(in.body().toString()).isEqualTo(200);
        assertThat(client.call(pending(user), "POST", "/api/user/login/2fa", Map.of("code", backup)).status())
                .as("used up").isEqualTo(400);

        Login session = loggedIn(client.call(pending(user), "POST", "/api/user/login/2fa", Map.of("code",
                user.backupCodes().get(1))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.call(session, "GET",
                "/api/user/2fa/status", null).data().path("backup_codes_remaining").asInt()).isEqualTo(2));
        assertThat(client.call(session, "POST", "/api/user/2fa/disable", Map.of("code", user.backupCodes().get(2)))
                .status()).isEqualTo(200);
        assertThat(client.call(session, "GET", "/api/user/2fa/status", null).data().path("enabled").asBoolean())
                .as("this session carries on").isFalse();
        assertThat(client.login(user.username(), PASSWORD).id()).isPositive();
    }

    @Test
    void anAdminResetEndsTheUsersSessionsAndOnlyForLowerRoles() throws Exception {
        Enrolled user = enrolled();
        Login session = loggedIn(client.call(pending(user), "POST", "/api/user/login/2fa", Map.of("code",
                user.backupCodes().getFirst())));
        String adminName = "tfa-admin-" + NAMES.incrementAndGet();
        ManagementClient.createUser(commands, queries, adminName, PASSWORD, Role.ADMIN);
        Login admin = client.login(adminName, PASSWORD);

        assertThat(client.call(admin, "DELETE", "/api/user/" + session.id() + "/2fa", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.call(session, "GET", "/api/user/self", null).status()).isEqualTo(401));
        assertThat(client.login(user.username(), PASSWORD).id()).as("a password alone logs in again").isPositive();
        assertThat(client.call(admin, "GET", "/api/user/2fa/stats", null).data().path("total_users").asLong())
                .isPositive();

        String otherAdmin = "tfa-admin-" + NAMES.incrementAndGet();
        ManagementClient.createUser(commands, queries, otherAdmin, PASSWORD, Role.ADMIN);
        long otherId = client.login(otherAdmin, PASSWORD).id();
        assertThat(client.call(admin, "DELETE", "/api/user/" + otherId + "/2fa", null).status()).isEqualTo(403);
    }

    @Test
    void anAccessTokenCannotSetUpTheSecondFactor() {
        String username = "tfa-token-" + NAMES.incrementAndGet();
        ManagementClient.createUser(commands, queries, username, PASSWORD, Role.USER);
        Login login = client.login(username, PASSWORD);
        String token = client.call(login, "GET", "/api/user/token", null).data().asString();
        assertThat(client.call(login.withAccessToken(token), "POST", "/api/user/2fa/setup", Map.of()).status())
                .isEqualTo(403);
    }

    private Login pending(Enrolled user) {
        Answer first = client.call(Login.GUEST, "POST", "/api/user/login", Map.of("username", user.username(),
                "password", PASSWORD));
        assertThat(first.data().path("require_2fa").asBoolean()).isTrue();
        String cookie = first.raw().headers().firstValue("Set-Cookie").orElseThrow();
        return new Login(cookie.substring(0, cookie.indexOf(';')), null, 0);
    }

    private static Login loggedIn(Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        String cookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow();
        return new Login(cookie.substring(0, cookie.indexOf(';')), null, answer.data().path("id").asLong());
    }
}

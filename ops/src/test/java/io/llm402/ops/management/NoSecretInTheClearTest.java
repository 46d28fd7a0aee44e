package io.llm402.ops.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.account.api.Role;
import io.llm402.ops.management.ManagementClient.Answer;
import io.llm402.ops.management.ManagementClient.Login;
import io.llm402.ops.testsupport.Llm402AppTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every secret the management API handles — passwords, API keys, access tokens, channel keys, redemption codes — is
 * used here once, and then looked for, in the clear, in every stored event (payload and metadata), every read-model
 * table, every answer that followed and the log output. None may be found.
 */
@Llm402AppTest
@ExtendWith(OutputCaptureExtension.class)
class NoSecretInTheClearTest {

    private static final String ADMIN_PASSWORD = "admin-Pa55word-in-the-clear";
    private static final String USER_PASSWORD = "user-Pa55word-in-the-clear";
    private static final String CHANNEL_KEY = "sk-channel-key-in-the-clear-0123456789";
    private static final String HEADER_SECRET = "header-override-secret-in-the-clear";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    DataSource dataSource;

    @Test
    void noSecretIsStoredLoggedOrShownAgain(CapturedOutput output) {
        ManagementClient client = new ManagementClient(port);
        ManagementClient.createUser(commands, queries, "secrets-root", ADMIN_PASSWORD, Role.ROOT);
        Login root = client.login("secrets-root", ADMIN_PASSWORD);
        List<String> secrets = new ArrayList<>(List.of(ADMIN_PASSWORD, USER_PASSWORD, CHANNEL_KEY, HEADER_SECRET));

        client.call(root, "POST", "/api/user/", Map.of("username", "secrets-user", "password", USER_PASSWORD));
        Login user = client.login("secrets-user", USER_PASSWORD);
        client.call(user, "PUT", "/api/user/self", Map.of("password", USER_PASSWORD + "-2",
                "original_password", USER_PASSWORD));
        secrets.add(USER_PASSWORD + "-2");
        secrets.add(client.call(root, "GET", "/api/user/token", null).data().asString());
        secrets.add(client.call(user, "POST", "/api/token/", Map.of("name", "k", "unlimited_quota", true)).data()
                .path("key").asString());
        assertThat(client.call(root, "POST", "/api/channel/", Map.of("name", "c", "type", 1, "key", CHANNEL_KEY,
                "models", "m", "header_override", "{\"X-Upstream-Token\":\"" + HEADER_SECRET + "\"}"))
                .status()).isEqualTo(200);
        client.call(root, "POST", "/api/redemption/", Map.of("name", "r", "quota", 1000, "count", 2)).data()
                .valueStream().forEach(key -> secrets.add(key.asString()));
        assertThat(secrets).hasSize(9).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(16));

        List<String> answers = new ArrayList<>();
        for (String path : List.of("/api/user/", "/api/user/self", "/api/token/", "/api/channel/", "/api/redemption/",
                "/api/option/", "/api/log/")) {
            Answer answer = client.call(root, "GET", path, null);
            answers.add(answer.raw().body());
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> stored = new ArrayList<>();
        jdbc.query("SELECT payload, metaData FROM DomainEventEntry", rs -> {
            stored.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
            stored.add(new String(rs.getBytes(2), StandardCharsets.UTF_8));
        });
        for (String table : List.of("users", "api_tokens", "channels", "redemption_codes", "settings")) {
            jdbc.queryForList("SELECT * FROM " + table).forEach(row -> stored.add(row.toString()));
        }
        assertThat(stored).hasSizeGreaterThan(20);
        for (String secret : secrets) {
            assertThat(stored).as("stored").noneMatch(text -> text.contains(secret));
            assertThat(answers).as("answers").noneMatch(text -> text.contains(secret));
            assertThat(output.getAll()).as("log output").doesNotContain(secret);
        }
    }
}

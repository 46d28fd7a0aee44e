package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import io.llm402.ops.simulator.UpstreamSimulator;
import io.llm402.ops.testsupport.NewApiSchema;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator's switch from new-api: a database with new-api's schema (as its GORM migrations create it on SQLite),
 * filled as new-api fills it, imported with the jar's {@code import-new-api}, then used through the gateway.
 */
public class NewApiImportSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** new-api stores keys without "sk-": 48 letters and digits. */
    private static final String ALICE_KEY = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDeFgHiJkL";
    private static final String REDEMPTION_CODE = "0123456789abcdef0123456789abcdef";
    private static final long QUOTA_PER_USD = 500_000;

    private final Installation installation;
    private UpstreamSimulator simulator;
    private Path newApiDatabase;
    private Installation.Run run;
    private GatewayProcess gateway;
    private String aliceCookie;
    private long aliceId;
    private long aliceCharge;

    public NewApiImportSteps() throws Exception {
        installation = new Installation();
    }

    @After("@newapi")
    public void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Given("a new-api database with new-api's own schema, filled by its operator:")
    public void aNewApiDatabase(Map<String, String> contents) throws Exception {
        simulator = new UpstreamSimulator(0).start();
        newApiDatabase = installation.dataDirectory().resolve("one-api.db");
        String hash = new BCryptPasswordEncoder(10).encode("alice-old-pass");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + newApiDatabase);
             Statement statement = connection.createStatement()) {
            for (String sql : NewApiSchema.statements("sqlite")) {
                statement.execute(sql);
            }
            insertUser(connection, "root", hash, 100, 1000 * QUOTA_PER_USD, false);
            insertUser(connection, "alice", hash, 1, 5 * QUOTA_PER_USD / 2, false);
            insertUser(connection, "bob", hash, 1, 7 * QUOTA_PER_USD, true);
            statement.execute("INSERT INTO tokens (user_id, `key`, status, name, created_time, expired_time, "
                    + "remain_quota, unlimited_quota, model_limits_enabled, model_limits, allow_ips, `group`) VALUES "
                    + "(2, '" + ALICE_KEY + "', 1, 'my app', 1700000000, -1, 0, 1, 1, 'gpt-4o-mini', '', '')");
            try (PreparedStatement channel = connection.prepareStatement("INSERT INTO channels (type, `key`, status, "
                    + "name, weight, base_url, models, `group`, priority, auto_ban, channel_info) "
                    + "VALUES (?, ?, 1, ?, 1, ?, ?, 'default', 0, 1, ?)")) {
                channel.setInt(1, 1);
                channel.setString(2, "sk-upstream-one\nsk-upstream-two");
                channel.setString(3, "upstream");
                channel.setString(4, simulator.baseUrl() + "/newapi");
                channel.setString(5, "gpt-4o-mini");
                channel.setString(6, "{\"is_multi_key\":true,\"multi_key_size\":2,\"multi_key_status_list\":{\"1\":3},"
                        + "\"multi_key_disabled_reason\":{\"1\":\"invalid_api_key\"},\"multi_key_mode\":\"random\"}");
                channel.executeUpdate();
                channel.setInt(1, 41);
                channel.setString(2, "{\"type\":\"service_account\"}");
                channel.setString(3, "vertex");
                channel.setString(4, "");
                channel.setString(5, "gemini-2.5-pro");
                channel.setString(6, "{}");
                channel.executeUpdate();
            }
            statement.execute("INSERT INTO options (`key`, value) VALUES ('ModelRatio', '{\"gpt-4o-mini\":0.075}'), "
                    + "('CompletionRatio', '{\"gpt-4o-mini\":4}'), ('GroupRatio', '{\"default\":1}'), "
                    + "('RetryTimes', '2'), ('SMTPServer', 'smtp.example.com'), ('QuotaPerUnit', '500000')");
            statement.execute("INSERT INTO redemptions (user_id, `key`, status, name, quota, created_time, "
                    + "expired_time) VALUES (1, '" + REDEMPTION_CODE + "', 1, 'welcome', " + 5 * QUOTA_PER_USD
                    + ", 1700000000, 0)");
        }
        assertThat(contents).containsKeys("users", "keys", "channels", "options", "redemptions");
    }

    private static void insertUser(Connection connection, String name, String hash, int role, long quota,
                                   boolean deleted) throws Exception {
        try (PreparedStatement user = connection.prepareStatement("INSERT INTO users (username, password, "
                + "display_name, role, status, quota, used_quota, request_count, `group`, aff_code, deleted_at) "
                + "VALUES (?, ?, ?, ?, 1, ?, 0, 0, 'default', ?, " + (deleted ? "CURRENT_TIMESTAMP" : "NULL") + ")")) {
            user.setString(1, name);
            user.setString(2, hash);
            user.setString(3, name.toUpperCase());
            user.setInt(4, role);
            user.setLong(5, quota);
            user.setString(6, name.substring(0, 3));
            user.executeUpdate();
        }
    }

    @When("the operator runs {string} on it")
    public void theOperatorRuns(String command) throws Exception {
        List<String> arguments = new ArrayList<>(Arrays.asList(command.split(" ")));
        arguments.addAll(List.of("--from", newApiDatabase.toString()));
        run = installation.run(arguments);
    }

    @Then("it reports 3 users read, 2 to import and 1 skipped as deleted, the Vertex channel not supported, "
            + "SMTPServer not understood, and 1009.50 USD in new-api of which 1002.50 come over")
    public void theDryRunReport() {
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .containsPattern("users\\s+3\\s+2\\s+1")
                .contains("user #3 \"bob\": deleted in new-api")
                .contains("channel #2 \"vertex\": Vertex AI (new-api type 41) is not a channel type LLM402 relays to")
                .contains("SMTPServer")
                .contains("Balances: 1009.50 USD in new-api (504750000 quota), 1002.50 USD in LLM402 after the import; "
                        + "7.00 USD (3500000 quota) of skipped users left behind")
                .contains("Dry run:")
                .doesNotContain("sk-upstream").doesNotContain(ALICE_KEY).doesNotContain(REDEMPTION_CODE);
    }

    @Then("nothing was written")
    public void nothingWasWritten() throws Exception {
        if (installation.shareable()) {
            assertThat(installation.events()).isZero();
        } else {
            assertThat(installation.dataDirectory().resolve("data")).as("LLM402's data directory").doesNotExist();
        }
    }

    @Then("it ends successfully, having created what it planned")
    public void importedEverything() {
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("Imported in \\d+ s: \\d+ created, 0 changed, 0 unchanged, 0 failed")
                .doesNotContain("sk-upstream").doesNotContain(ALICE_KEY);
    }

    @Then("it ends successfully, with nothing created and nothing changed")
    public void nothingChanged() {
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("Imported in \\d+ s: 0 created, 0 changed, \\d+ unchanged, 0 failed");
    }

    @When("the gateway starts on the imported data")
    public void theGatewayStarts() throws Exception {
        gateway = installation.start();
        gateway.awaitReady();
    }

    @Then("alice logs in with her new-api password {string}")
    public void aliceLogsIn(String password) throws Exception {
        HttpResponse<String> login = gateway.send("POST", "/api/user/login", Map.of(),
                JSON.writeValueAsString(Map.of("username", "alice", "password", password)));
        assertThat(JSON.readTree(login.body()).path("success").asBoolean()).as(login.body()).isTrue();
        aliceId = JSON.readTree(login.body()).path("data").path("id").asLong();
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        aliceCookie = setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Then("alice's old key relays a chat completion for {string} through the imported channel, charged at the "
            + "imported price")
    public void aliceRelays(String model) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", "sk-" + ALICE_KEY, chat(model));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode usage = JSON.readTree(response.body()).path("usage");
        String requestId = response.headers().firstValue("X-LLM402-Request-Id").orElseThrow();
        JsonNode receipt = JSON.readTree(gateway.get("/api/usage/requests/" + requestId, "sk-" + ALICE_KEY).body());
        // ModelRatio 0.075 is 0.15 USD per million input tokens; CompletionRatio 4 makes output 0.60 USD.
        long expected = usage.path("prompt_tokens").asLong() * 150 + usage.path("completion_tokens").asLong() * 600;
        assertThat(expected).isPositive();
        assertThat(receipt.path("amount_nano_usd").asLong()).as(receipt.toString()).isEqualTo(expected);
        assertThat(receipt.path("channel").asString()).isEqualTo("upstream");
        aliceCharge = expected;
    }

    @Then("her key also works without its {string} prefix")
    public void withoutPrefix(String prefix) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", ALICE_KEY, chat("gpt-4o-mini"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String requestId = response.headers().firstValue("X-LLM402-Request-Id").orElseThrow();
        JsonNode receipt = JSON.readTree(gateway.get("/api/usage/requests/" + requestId, ALICE_KEY).body());
        aliceCharge += receipt.path("amount_nano_usd").asLong();
    }

    @Then("the upstream saw only the enabled key of {string}")
    public void onlyTheEnabledKey(String channel) {
        assertThat(simulator.requestCountWithKey("sk-upstream-one")).isEqualTo(2);
        assertThat(simulator.requestCountWithKey("sk-upstream-two")).isZero();
    }

    @Then("alice's balance is 2.50 USD less what she was charged, root's is 1000 USD, and the trial balance is zero")
    public void balances() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode usage = JSON.readTree(gateway.get("/api/usage/token", "sk-" + ALICE_KEY).body());
            assertThat(usage.path("available_nano_usd").asLong()).as(usage.toString())
                    .isEqualTo(2_500_000_000L - aliceCharge);
            assertThat(walletBalance("root")).isEqualTo(1_000_000_000_000L);
        });
        List<Long> sums = installation.query("SELECT SUM(debits_posted_nano), SUM(credits_posted_nano) FROM "
                + "ledger_accounts", rows -> {
                    rows.next();
                    return List.of(rows.getLong(1), rows.getLong(2));
                });
        assertThat(sums.get(0)).isEqualTo(sums.get(1));
    }

    @Then("alice redeems the imported code for {int} USD")
    public void aliceRedeems(int usd) throws Exception {
        HttpResponse<String> redeemed = gateway.send("POST", "/api/user/topup", Map.of("Cookie", aliceCookie,
                "New-Api-User", Long.toString(aliceId)),
                JSON.writeValueAsString(Map.of("key", REDEMPTION_CODE)));
        JsonNode body = JSON.readTree(redeemed.body());
        assertThat(body.path("success").asBoolean()).as(redeemed.body()).isTrue();
        assertThat(body.path("data").asLong()).isEqualTo(usd * QUOTA_PER_USD);
    }

    /** A wallet's balance as the ledger read model holds it; root spends nothing, so none of it is in allowances. */
    private long walletBalance(String username) throws Exception {
        String wallet = "wallet:" + NaturalIds.userId(username);
        return installation.query("SELECT credits_posted_nano - debits_posted_nano FROM ledger_accounts WHERE "
                + "account_id = '" + wallet + "'", rows -> rows.next() ? rows.getLong(1) : -1L);
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello from new-api\"}]}";
    }
}

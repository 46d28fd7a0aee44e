package io.llm402.ops.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llm402.domain.account.api.Role;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.ops.management.ManagementClient.Answer;
import io.llm402.ops.management.ManagementClient.Login;
import io.llm402.ops.testsupport.Llm402AppTest;
import java.time.Duration;
import java.util.HashMap;
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

/** What an admin runs: channels, prices and ratios, redemption codes, balances, logs. */
@Llm402AppTest
class OperatingApiTest {

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
        String username = "op-" + role.wireName() + "-" + NAMES.incrementAndGet();
        ManagementClient.createUser(commands, queries, username, PASSWORD, role);
        return username;
    }

    @Test
    void anAdminCreatesEditsDisablesAndDeletesAChannelWhoseKeyNeverComesBack() {
        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        Answer created = client.call(admin, "POST", "/api/channel/", Map.of("mode", "single", "channel", Map.of(
                "name", "openai-main", "type", 1, "key", "sk-upstream-secret-1234", "base_url",
                "https://api.openai.com/", "models", "gpt-4o-mini,gpt-4o", "group", "default,vip",
                "model_mapping", "{\"gpt-4o-mini\":\"gpt-4o-mini-2024-07-18\"}", "priority", 10, "weight", 5)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        JsonNode channel = created.data();
        long id = channel.path("id").asLong();
        assertThat(channel.path("type").asInt()).isEqualTo(1);
        assertThat(channel.path("base_url").asString()).isEqualTo("https://api.openai.com");
        assertThat(channel.path("models").asString()).isEqualTo("gpt-4o-mini,gpt-4o");
        assertThat(channel.path("group").asString()).isEqualTo("default,vip");
        assertThat(channel.path("status").asInt()).isEqualTo(1);
        assertThat(created.raw().body()).doesNotContain("sk-upstream-secret-1234", "v1:");

        Answer edited = client.call(admin, "PUT", "/api/channel/", Map.of("id", id, "priority", 3, "status", 2));
        assertThat(edited.data().path("priority").asInt()).isEqualTo(3);
        assertThat(edited.data().path("status").asInt()).isEqualTo(2);
        assertThat(edited.data().path("models").asString()).as("untouched fields stay").isEqualTo("gpt-4o-mini,gpt-4o");

        Answer listed = client.call(admin, "GET", "/api/channel/search?keyword=openai-main", null);
        assertThat(listed.data().path("total").asLong()).isEqualTo(1);
        assertThat(listed.raw().body()).doesNotContain("sk-upstream-secret-1234");
        assertThat(client.call(admin, "POST", "/api/channel/" + id + "/key", Map.of()).status()).isEqualTo(410);

        assertThat(client.call(admin, "POST", "/api/channel/", Map.of("name", "x", "type", 99, "key", "k",
                "models", "m")).status()).isEqualTo(400);
        assertThat(client.call(admin, "POST", "/api/channel/", Map.of("name", "x", "type", 3, "key", "k",
                "models", "m")).body().path("message").asString()).contains("base_url");

        assertThat(client.call(admin, "DELETE", "/api/channel/" + id, null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.call(admin, "GET", "/api/channel/" + id, null).status()).isEqualTo(404));
    }

    @Test
    void aChannelsRelayOptionsAreSetAsNewApiSendsThemAndTheHeaderValuesNeverComeBack() {
        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        Answer created = client.call(admin, "POST", "/api/channel/", Map.of("name", "tuned", "type", 8,
                "key", "sk-tuned", "base_url", "https://llm.internal/api/{model}/chat", "models", "m",
                "setting", "{\"system_prompt\":\"Be brief.\",\"system_prompt_override\":true,"
                        + "\"stream_options\":false}",
                "param_override", "{\"temperature\":0.2}",
                "header_override", "{\"X-Tenant\":\"tenant-secret-42\"}",
                "status_code_mapping", "{\"400\":\"500\"}"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        JsonNode channel = created.data();
        assertThat(channel.path("type").asInt()).isEqualTo(8);
        assertThat(channel.path("type_name").asString()).isEqualTo("custom");
        assertThat(channel.path("base_url").asString()).isEqualTo("https://llm.internal/api/{model}/chat");
        JsonNode setting = ManagementClient.JSON.readTree(channel.path("setting").asString());
        assertThat(setting.path("system_prompt").asString()).isEqualTo("Be brief.");
        assertThat(setting.path("system_prompt_override").asBoolean()).isTrue();
        assertThat(setting.path("stream_options").asBoolean()).isFalse();
        assertThat(channel.path("param_override").asString()).isEqualTo("{\"temperature\":0.2}");
        assertThat(channel.path("header_override").asString()).isEqualTo("{\"X-Tenant\":\"******\"}");
        assertThat(channel.path("status_code_mapping").asString()).isEqualTo("{\"400\":\"500\"}");
        assertThat(created.raw().body()).doesNotContain("tenant-secret-42");

        // new-api's console sends the whole channel back: the masked value keeps the header's value.
        long id = channel.path("id").asLong();
        Answer edited = client.call(admin, "PUT", "/api/channel/", Map.of("id", id, "header_override",
                channel.path("header_override").asString(), "param_override", ""));
        assertThat(edited.status()).as(edited.body().toString()).isEqualTo(200);
        assertThat(edited.data().path("header_override").asString()).isEqualTo("{\"X-Tenant\":\"******\"}");
        assertThat(edited.data().path("param_override").asString()).as("emptied").isEmpty();
        assertThat(edited.data().path("status_code_mapping").asString()).as("untouched").isEqualTo("{\"400\":\"500\"}");

        for (Map<String, Object> bad : List.of(Map.<String, Object>of("header_override", "{\"Host\":\"evil\"}"),
                Map.<String, Object>of("param_override", "[1,2]"),
                Map.<String, Object>of("status_code_mapping", "{\"429\":\"200\"}"))) {
            Map<String, Object> body = new HashMap<>(bad);
            body.put("id", id);
            assertThat(client.call(admin, "PUT", "/api/channel/", body).status()).as(bad.toString()).isEqualTo(400);
        }
        assertThat(client.call(admin, "POST", "/api/channel/", Map.of("name", "x", "type", 8, "key", "k",
                "base_url", "https://llm.internal", "models", "m")).body().path("message").asString())
                .contains("full URL");
    }

    @Test
    void rootSetsPricesTheNewApiWayAndReadsThemBack() {
        Login root = client.login(user(Role.ROOT), PASSWORD);
        String model = "priced-" + NAMES.incrementAndGet();
        assertThat(client.call(root, "PUT", "/api/option/", Map.of("key", "ModelRatio",
                "value", "{\"" + model + "\": 0.075}")).status()).isEqualTo(200);
        assertThat(client.call(root, "PUT", "/api/option/", Map.of("key", "CompletionRatio",
                "value", "{\"" + model + "\": 4}")).status()).isEqualTo(200);
        assertThat(client.call(root, "PUT", "/api/option/", Map.of("key", "GroupRatio",
                "value", "{\"vip-" + model + "\": 0.8}")).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, String> options = options(root);
            assertThat(ManagementClient.JSON.readTree(options.get("ModelRatio")).path(model).decimalValue())
                    .isEqualByComparingTo("0.075");
            assertThat(ManagementClient.JSON.readTree(options.get("CompletionRatio")).path(model).decimalValue())
                    .isEqualByComparingTo("4");
            assertThat(ManagementClient.JSON.readTree(options.get("GroupRatio")).path("vip-" + model)
                    .decimalValue()).isEqualByComparingTo("0.8");
        });
        // 0.075 × 2 USD = 0.15 USD per million input tokens, output 4 × that: the price the relay charges.
        Answer bad = client.call(root, "PUT", "/api/option/", Map.of("key", "ModelRatio", "value", "{\"a\": -1}"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(client.call(root, "PUT", "/api/option/", Map.of("key", "NoSuchOption", "value", "1")).status())
                .isEqualTo(400);
        assertThat(client.call(root, "GET", "/api/group/", null).data().toString()).contains("vip-" + model);

        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        assertThat(client.call(admin, "GET", "/api/option/", null).status()).as("options are root's").isEqualTo(403);
    }

    @Test
    void rootSetsModelOutputLimitsAndBadOnesAreRefused() {
        Login root = client.login(user(Role.ROOT), PASSWORD);
        String model = "limited-" + NAMES.incrementAndGet();
        assertThat(client.call(root, "PUT", "/api/option/", Map.of("key", "ModelMaxOutputTokens",
                "value", "{\"" + model + "\": 2048}")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(options(root)).containsEntry("ModelMaxOutputTokens", "{\"" + model + "\":2048}"));

        Answer bad = client.call(root, "PUT", "/api/option/", Map.of("key", "ModelMaxOutputTokens",
                "value", "{\"" + model + "\": 1.5}"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("message").asString()).contains("ModelMaxOutputTokens", model);
    }

    @Test
    void rootSetsTheRateLimitOptionsWithNewApisNamesAndBadValuesAreRefused() {
        Login root = client.login(user(Role.ROOT), PASSWORD);
        Map<String, String> before = options(root);
        assertThat(before).containsEntry("ModelRequestRateLimitEnabled", "false")
                .containsEntry("ModelRequestRateLimitSuccessCount", "1000")
                .containsEntry("ApiKeyConcurrencyLimit", "0");
        try {
            for (Map.Entry<String, Object> option : Map.<String, Object>of(
                    "ModelRequestRateLimitDurationMinutes", "5", "ModelRequestRateLimitCount", 100,
                    "ModelRequestRateLimitGroup", Map.of("vip", List.of(0, 50)),
                    "UserConcurrencyLimit", "7").entrySet()) {
                Answer set = client.call(root, "PUT", "/api/option/", Map.of("key", option.getKey(),
                        "value", option.getValue()));
                assertThat(set.status()).as(option.getKey() + ": " + set).isEqualTo(200);
            }
            Map<String, String> after = options(root);
            assertThat(after).containsEntry("ModelRequestRateLimitDurationMinutes", "5")
                    .containsEntry("ModelRequestRateLimitCount", "100")
                    .containsEntry("ModelRequestRateLimitGroup", "{\"vip\":[0,50]}")
                    .containsEntry("UserConcurrencyLimit", "7");
            Answer zero = client.call(root, "PUT", "/api/option/", Map.of("key",
                    "ModelRequestRateLimitSuccessCount", "value", "0"));
            assertThat(zero.status()).isEqualTo(400);
            assertThat(zero.toString()).contains("ModelRequestRateLimitSuccessCount");
            assertThat(client.call(root, "PUT", "/api/option/", Map.of("key", "ModelRequestRateLimitGroup",
                    "value", "{\"vip\": [1, 0]}")).status()).isEqualTo(400);
            assertThat(client.call(root, "PUT", "/api/option/", Map.of("key", "ApiKeyConcurrencyLimit",
                    "value", "-1")).status()).isEqualTo(400);
        } finally {
            client.call(root, "PUT", "/api/option/", Map.of("key", "ModelRequestRateLimitCount", "value", "0"));
            client.call(root, "PUT", "/api/option/", Map.of("key", "UserConcurrencyLimit", "value", "0"));
        }
    }

    @Test
    void anAdminSeesTheClusterItsProcessorsAndOpenAllowances() {
        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        Answer cluster = client.call(admin, "GET", "/api/status/cluster", null);
        assertThat(cluster.status()).as(cluster.toString()).isEqualTo(200);
        assertThat(cluster.data().path("node").asString()).isNotBlank();
        assertThat(cluster.data().path("members")).hasSize(1);
        assertThat(cluster.data().path("members").get(0).path("local").asBoolean()).isTrue();
        assertThat(cluster.data().path("processors").valueStream()
                .map(p -> p.path("name").asString()).toList()).contains("ledger-book", "request-log");
        assertThat(cluster.data().path("open_allowances").isArray()).isTrue();
        Login user = client.login(user(Role.USER), PASSWORD);
        assertThat(client.call(user, "GET", "/api/status/cluster", null).status()).isEqualTo(403);
    }

    @Test
    void registrationCanBeTurnedOff() {
        Login root = client.login(user(Role.ROOT), PASSWORD);
        try {
            client.call(root, "PUT", "/api/option/", Map.of("key", "RegisterEnabled", "value", "false"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(client.call(Login.GUEST, "POST", "/api/user/register", Map.of("username",
                            "late-" + NAMES.incrementAndGet(), "password", PASSWORD)).status()).isEqualTo(403));
            assertThat(client.call(Login.GUEST, "GET", "/api/status", null).data()
                    .path("password_register_enabled").asBoolean()).isFalse();
        } finally {
            client.call(root, "PUT", "/api/option/", Map.of("key", "RegisterEnabled", "value", "true"));
        }
    }

    @Test
    void aRedeemedCodeRaisesTheBalanceOnceAndOnlyOnce() {
        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        Answer issued = client.call(admin, "POST", "/api/redemption/", Map.of("name", "launch", "quota", 500_000,
                "count", 2));
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(200);
        List<String> keys = issued.data().valueStream().map(JsonNode::asString).toList();
        assertThat(keys).hasSize(2).allSatisfy(key -> assertThat(key).hasSize(32));

        Answer listed = client.call(admin, "GET", "/api/redemption/search?keyword=launch", null);
        assertThat(listed.raw().body()).doesNotContain(keys.get(0), keys.get(1));

        Login alice = client.login(user(Role.USER), PASSWORD);
        Login bob = client.login(user(Role.USER), PASSWORD);
        Answer redeemed = client.call(alice, "POST", "/api/user/topup", Map.of("key", keys.getFirst()));
        assertThat(redeemed.status()).as(redeemed.body().toString()).isEqualTo(200);
        assertThat(redeemed.data().asLong()).isEqualTo(500_000);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode self = client.call(alice, "GET", "/api/user/self", null).data();
            assertThat(self.path("quota").asLong()).isEqualTo(500_000);
            assertThat(self.path("balance_usd").asString()).isEqualTo("1.00");
        });

        Answer again = client.call(bob, "POST", "/api/user/topup", Map.of("key", keys.getFirst()));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("message").asString()).contains("already been used");
        assertThat(client.call(bob, "POST", "/api/user/topup", Map.of("key", "nope")).status()).isEqualTo(400);

        long secondId = client.call(admin, "GET", "/api/redemption/search?keyword=launch", null).data()
                .path("items").valueStream().filter(code -> code.path("status").asInt() == 1).findFirst()
                .orElseThrow().path("id").asLong();
        client.call(admin, "PUT", "/api/redemption/?status_only=1", Map.of("id", secondId, "status", 2));
        assertThat(client.call(bob, "POST", "/api/user/topup", Map.of("key", keys.get(1))).body().path("message")
                .asString()).contains("disabled");

        Answer cleaned = client.call(admin, "DELETE", "/api/redemption/invalid", null);
        assertThat(cleaned.data().asInt()).as("the used and the disabled code").isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.call(admin, "GET",
                "/api/redemption/search?keyword=launch", null).data().path("total").asLong()).isZero());
    }

    @Test
    void aUserSeesTheGroupsAndTheModelsOfTheirGroup() {
        Login root = client.login(user(Role.ROOT), PASSWORD);
        String model = "grouped-" + NAMES.incrementAndGet();
        client.call(root, "POST", "/api/channel/", Map.of("name", "g", "type", 1, "key", "sk-x", "models", model,
                "group", "default"));
        Login alice = client.login(user(Role.USER), PASSWORD);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.call(alice, "GET", "/api/user/models", null).data().toString()).contains(model));
        assertThat(client.call(Login.GUEST, "GET", "/api/user/groups", null).data().has("default")).isTrue();
        assertThat(client.call(alice, "GET", "/api/user/self/groups", null).data().path("default").path("ratio")
                .decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void anAdminsBalanceEditIsAnAdjustmentWithTheAdminAndTheReason() {
        String adminName = user(Role.ADMIN);
        Login admin = client.login(adminName, PASSWORD);
        String name = user(Role.USER);
        Login alice = client.login(name, PASSWORD);

        Answer set = client.call(admin, "PUT", "/api/user/", Map.of("id", alice.id(), "quota", 1_000_000,
                "reason", "support ticket 42"));
        assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
        assertThat(client.call(alice, "GET", "/api/user/self", null).data().path("balance_usd").asString())
                .isEqualTo("2.00");
        Answer lowered = client.call(admin, "PUT", "/api/user/", Map.of("id", alice.id(), "quota", 250_000));
        assertThat(lowered.status()).isEqualTo(200);
        assertThat(client.call(alice, "GET", "/api/user/self", null).data().path("quota").asLong())
                .isEqualTo(250_000);

        List<? extends DomainEventMessage<?>> wallet = events.readEvents(NaturalIds.walletId(NaturalIds.userId(name)))
                .asStream().toList();
        DomainEventMessage<?> deposit = wallet.stream()
                .filter(e -> e.getPayloadType().getSimpleName().equals("FundsDepositedEvent")).findFirst()
                .orElseThrow();
        assertThat(deposit.getMetaData().get(ManagementCommands.ACTOR)).isEqualTo(NaturalIds.userId(adminName));
        assertThat(deposit.getMetaData().get(ManagementCommands.REASON)).isEqualTo("support ticket 42");
        assertThat(deposit.getPayload().toString()).contains("ADJUSTMENT", "operator:adjustments");
    }

    @Test
    void logsAndDashboardDataAnswerInNewApisShapes() {
        Login admin = client.login(user(Role.ADMIN), PASSWORD);
        Login alice = client.login(user(Role.USER), PASSWORD);
        Answer all = client.call(admin, "GET", "/api/log/?p=1&page_size=5&start_timestamp=0", null);
        assertThat(all.status()).as(all.body().toString()).isEqualTo(200);
        assertThat(all.data().has("total")).isTrue();
        assertThat(all.data().has("total_capped")).isTrue();
        assertThat(client.call(alice, "GET", "/api/log/self", null).data().path("total").asLong()).isZero();
        assertThat(client.call(alice, "GET", "/api/log/self/stat", null).data().has("rpm")).isTrue();
        assertThat(client.call(admin, "GET", "/api/data/", null).data().isArray()).isTrue();
        assertThat(client.call(alice, "GET", "/api/data/self?start_timestamp=1&end_timestamp=99999999", null)
                .status()).as("a span of more than 30 days").isEqualTo(400);
        assertThat(client.call(alice, "GET", "/api/log/", null).status()).isEqualTo(403);
    }

    private Map<String, String> options(Login root) {
        Answer options = client.call(root, "GET", "/api/option/", null);
        return options.data().valueStream().collect(java.util.stream.Collectors.toMap(
                o -> o.path("key").asString(), o -> o.path("value").asString()));
    }
}

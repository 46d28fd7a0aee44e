package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import io.llm402.features.support.ManagementSession;
import io.llm402.ops.simulator.UpstreamSimulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operator's journey over the management API, against the jar, as new-api's console would drive it. */
public class ManagementJourneySteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UpstreamSimulator simulator;
    private GatewayProcess gateway;
    private final Map<String, ManagementSession> sessions = new HashMap<>();
    private long channelId;
    private String apiKey;
    private String requestId;
    private BigDecimal charge;
    private String redemptionKey;

    @After("@management")
    public void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Given("a gateway started with no bootstrap file and an upstream simulator")
    public void aGatewayWithNoBootstrapFile() throws Exception {
        simulator = new UpstreamSimulator(0).start();
        gateway = new Installation().start();
        gateway.awaitReady();
    }

    @When("the operator logs in as root with the password the gateway printed")
    public void theOperatorLogsInAsRoot() throws Exception {
        sessions.put("root", ManagementSession.logIn(gateway, "root",
                ManagementSession.printedRootPassword(gateway)));
    }

    @When("root creates an OpenAI channel to the simulator serving {string}")
    public void rootCreatesAChannel(String model) throws Exception {
        JsonNode channel = ok(call("root", "POST", "/api/channel/", Map.of("mode", "single", "channel", Map.of(
                "name", "simulated-openai", "type", 1, "key", "sk-upstream-never-shown", "base_url",
                simulator.baseUrl(), "models", model, "group", "default"))));
        channelId = channel.path("id").asLong();
    }

    @When("root sets the model ratio of {string} to {double} and its completion ratio to {int}")
    public void rootSetsThePrice(String model, double ratio, int completion) throws Exception {
        ok(call("root", "PUT", "/api/option/", Map.of("key", "ModelRatio", "value", "{\"" + model + "\":" + ratio
                + "}")));
        ok(call("root", "PUT", "/api/option/", Map.of("key", "CompletionRatio", "value", "{\"" + model + "\":"
                + completion + "}")));
    }

    @When("root creates the user {string} with the password {string}")
    public void rootCreatesAUser(String username, String password) throws Exception {
        ok(call("root", "POST", "/api/user/", Map.of("username", username, "password", password)));
    }

    @When("root sets the balance of {string} to {long} quota")
    public void rootSetsTheBalance(String username, long quota) throws Exception {
        long id = ok(call("root", "GET", "/api/user/search?keyword=" + username, null)).path("items").get(0)
                .path("id").asLong();
        ok(call("root", "PUT", "/api/user/", Map.of("id", id, "quota", quota, "reason", "opening balance")));
    }

    @When("{string} logs in with the password {string} and creates an API key named {string}")
    public void logsInAndCreatesAKey(String username, String password, String name) throws Exception {
        sessions.put(username, ManagementSession.logIn(gateway, username, password));
        apiKey = ok(call(username, "POST", "/api/token/", Map.of("name", name, "unlimited_quota", true)))
                .path("key").asString();
        assertThat(apiKey).startsWith("sk-");
    }

    @When("{string} sends a chat completion for {string} with that key")
    public void sendsAChatCompletion(String username, String model) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", apiKey, JSON.writeValueAsString(Map.of(
                "model", model, "messages", new Object[] {Map.of("role", "user", "content", "hello")})));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        requestId = response.headers().firstValue("X-LLM402-Request-Id").orElseThrow();
    }

    @Then("the chat completion is answered")
    public void theChatCompletionIsAnswered() {
        assertThat(requestId).isNotBlank();
    }

    @Then("root's request log shows the request of {string} for {string} on that channel, with its charge")
    public void rootsLogShowsTheRequest(String username, String model) {
        JsonNode entry = awaitLogEntry("root", "/api/log/?username=" + username);
        assertThat(entry.path("username").asString()).isEqualTo(username);
        assertThat(entry.path("model_name").asString()).isEqualTo(model);
        assertThat(entry.path("channel").asLong()).isEqualTo(channelId);
        assertThat(entry.path("channel_name").asString()).isEqualTo("simulated-openai");
        assertThat(entry.path("token_name").asString()).isEqualTo("ci");
        charge = new BigDecimal(entry.path("amount_usd").asString());
        assertThat(charge).isPositive();
    }

    @Then("root's dashboard data counts {int} request(s) for {string}")
    public void rootsDashboardCounts(int requests, String model) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode data = ok(call("root", "GET", "/api/data/", null));
            long counted = data.valueStream().filter(point -> point.path("model_name").asString().equals(model))
                    .mapToLong(point -> point.path("count").asLong()).sum();
            assertThat(counted).isEqualTo(requests);
        });
    }

    @Then("root finds the request by searching the log for {string} and in the group {string}")
    public void rootFindsTheRequest(String keyword, String group) throws Exception {
        awaitLogEntry("root", "/api/log/search?keyword=" + keyword);
        awaitLogEntry("root", "/api/log/?group=" + group);
        JsonNode other = ok(call("root", "GET", "/api/log/?group=no-such-group", null));
        assertThat(other.path("total").asLong()).isZero();
    }

    @Then("the own log of {string} shows the request without its channel")
    public void theOwnLogShowsTheRequest(String username) {
        JsonNode entry = awaitLogEntry(username, "/api/log/self");
        assertThat(entry.path("channel").asLong()).isZero();
        assertThat(entry.path("channel_name").asString()).isEmpty();
        assertThat(new BigDecimal(entry.path("amount_usd").asString())).isEqualByComparingTo(charge);
    }

    @Then("the balance of {string} is {bigdecimal} USD less that charge")
    public void theBalanceIs(String username, BigDecimal usd) {
        BigDecimal expected = usd.subtract(charge);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode self = ok(call(username, "GET", "/api/user/self", null));
            assertThat(new BigDecimal(self.path("balance_usd").asString())).isEqualByComparingTo(expected);
        });
    }

    @When("root issues a redemption code worth {long} quota")
    public void rootIssuesACode(long quota) throws Exception {
        redemptionKey = ok(call("root", "POST", "/api/redemption/", Map.of("name", "welcome", "quota", quota,
                "count", 1))).get(0).asString();
    }

    @When("{string} redeems it")
    public void redeemsIt(String username) throws Exception {
        ok(call(username, "POST", "/api/user/topup", Map.of("key", redemptionKey)));
    }

    private JsonNode awaitLogEntry(String caller, String path) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode items = ok(call(caller, "GET", path, null)).path("items");
            JsonNode entry = items.valueStream().filter(e -> e.path("id").asString().equals(requestId)).findFirst()
                    .orElseThrow(() -> new AssertionError("request " + requestId + " not in " + items));
            assertThat(entry.path("phase").asString()).isEqualTo("posted");
            found[0] = entry;
        });
        return found[0];
    }

    private HttpResponse<String> call(String who, String method, String path, @Nullable Object body)
            throws IOException, InterruptedException {
        return sessions.get(who).call(gateway, method, path, body);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        return ManagementSession.ok(response);
    }
}

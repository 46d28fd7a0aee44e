package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static io.llm402.features.support.ManagementSession.ok;
import static org.awaitility.Awaitility.await;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import io.llm402.features.support.ManagementSession;
import io.llm402.ops.simulator.SeenRequest;
import io.llm402.ops.simulator.UpstreamSimulator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Multi-key channels, automatic disabling and channel tests, over new-api's management API against the jar. */
public class ChannelOperationSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UpstreamSimulator simulator;
    private GatewayProcess gateway;
    private ManagementSession root;
    private String apiKey;
    private final Map<String, Long> channels = new HashMap<>();
    private final Map<String, String> channelModels = new HashMap<>();
    private final List<Integer> statuses = new ArrayList<>();

    @After("@channels")
    public void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Given("a gateway with no bootstrap file, an upstream simulator and root logged in")
    public void aGateway() throws Exception {
        simulator = new UpstreamSimulator(0).start();
        gateway = new Installation().start();
        gateway.awaitReady();
        root = ManagementSession.logIn(gateway, "root", ManagementSession.printedRootPassword(gateway));
    }

    @Given("root turns on automatic disabling of channels")
    public void automaticDisabling() throws Exception {
        option("AutomaticDisableChannelEnabled", "true");
    }

    @Given("root has a balance and an API key for {string} and {string}")
    public void balanceAndKey(String first, String second) throws Exception {
        option("ModelRatio", "{\"" + first + "\":0.075,\"" + second + "\":0.075}");
        ok(call("PUT", "/api/user/", Map.of("id", root.id(), "quota", 5_000_000, "reason", "test balance")));
        apiKey = ok(call("POST", "/api/token/", Map.of("name", "ops", "unlimited_quota", true))).path("key")
                .asString();
        assertThat(apiKey).startsWith("sk-");
    }

    @Given("root creates one channel {string} for {string} with the keys {string}, {string} and {string} taken in turn")
    public void multiKeyChannel(String name, String model, String one, String two, String three) throws Exception {
        JsonNode created = ok(call("POST", "/api/channel/", Map.of("mode", "multi_to_single", "multi_key_mode",
                "polling", "channel", Map.of("name", name, "type", 1, "key", one + "\n" + two + "\n" + three,
                        "base_url", simulator.baseUrl(), "models", model, "group", "default"))));
        assertThat(created.path("channel_info").path("multi_key_size").asInt()).isEqualTo(3);
        assertThat(created.path("channel_info").path("multi_key_mode").asString()).isEqualTo("polling");
        assertThat(created.path("key").asString()).isEmpty();
        channels.put(name, created.path("id").asLong());
    }

    @Given("root creates one channel {string} for {string} with the key {string}")
    public void singleKeyChannel(String name, String model, String key) throws Exception {
        JsonNode created = ok(call("POST", "/api/channel/", Map.of("mode", "single", "channel", Map.of("name", name,
                "type", 1, "key", key, "base_url", simulator.baseUrl(), "models", model, "group", "default"))));
        channels.put(name, created.path("id").asLong());
        channelModels.put(name, model);
    }

    @Given("root creates the channel {string} for {string} under {string} with the key {string}, the system prompt "
            + "{string}, the parameter override {string} and the header {string} set to {string}")
    public void tunedChannel(String name, String model, String prefix, String key, String systemPrompt,
                             String paramOverride, String header, String value) throws Exception {
        JsonNode created = ok(call("POST", "/api/channel/", Map.of("mode", "single", "channel", Map.of("name", name,
                "type", 1, "key", key, "base_url", simulator.baseUrl() + prefix, "models", model, "group", "default",
                "setting", JSON.writeValueAsString(Map.of("system_prompt", systemPrompt)),
                "param_override", paramOverride, "header_override", JSON.writeValueAsString(Map.of(header, value))))));
        assertThat(created.path("header_override").asString()).doesNotContain(value);
        channels.put(name, created.path("id").asLong());
    }

    @Then("the upstream's last request under {string} began with the system message {string}, asked for "
            + "temperature {double} and carried {string} set to {string}")
    public void upstreamLastRequest(String prefix, String systemPrompt, double temperature, String header,
                                    String value) {
        SeenRequest seen = simulator.lastRequest(prefix);
        assertThat(seen).as("a request under " + prefix).isNotNull();
        JsonNode body = JSON.readTree(seen.body());
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asString()).isEqualTo(systemPrompt);
        assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo("Hi");
        assertThat(body.path("temperature").asDouble()).isEqualTo(temperature);
        assertThat(seen.header(header)).isEqualTo(value);
    }

    @When("the upstream revokes {string}")
    public void revokes(String key) {
        simulator.revoke(key);
    }

    @When("the upstream accepts {string} again")
    public void reinstates(String key) {
        simulator.reinstate(key);
    }

    @When("root sends {int} chat completion(s) for {string}")
    public void sends(int count, String model) throws Exception {
        statuses.clear();
        simulator.resetCounts();
        for (int i = 0; i < count; i++) {
            statuses.add(gateway.post("/v1/chat/completions", apiKey, "{\"model\":\"" + model
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").statusCode());
        }
    }

    @Then("every one of them was answered 200")
    public void allAnswered() {
        assertThat(statuses).isNotEmpty().containsOnly(200);
    }

    @Then("key {int} of {string} is disabled automatically, for {string}, and no key appears in the channel")
    public void keyDisabled(int index, String name, String reason) throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode keys = ok(call("POST", "/api/channel/multi_key/manage", Map.of("channel_id", channels.get(name),
                    "action", "get_key_status"))).path("keys");
            assertThat(keys.size()).isEqualTo(3);
            assertThat(keys.get(index).path("status").asInt()).isEqualTo(3);
            assertThat(keys.get(index).path("disabled_reason").asString()).startsWith(reason);
        });
        String channel = call("GET", "/api/channel/" + channels.get(name), null).body();
        assertThat(channel).doesNotContain("sk-one", "sk-two", "sk-three");
        assertThat(JSON.readTree(channel).path("data").path("channel_info").path("multi_key_status_list")
                .path(Integer.toString(index)).asInt()).isEqualTo(3);
    }

    @Then("{string} is still enabled")
    public void stillEnabled(String name) throws Exception {
        assertThat(ok(call("GET", "/api/channel/" + channels.get(name), null)).path("status").asInt()).isEqualTo(1);
    }

    @Then("the upstream saw {int} requests with {string}, {int} with {string} and none with {string}")
    public void upstreamSaw(int first, String one, int second, String three, String none) {
        assertThat(simulator.requestCountWithKey(one)).isEqualTo(first);
        assertThat(simulator.requestCountWithKey(three)).isEqualTo(second);
        assertThat(simulator.requestCountWithKey(none)).isZero();
    }

    @Then("{string} is disabled automatically, for {string}")
    public void channelDisabled(String name, String reason) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode channel = ok(call("GET", "/api/channel/" + channels.get(name), null));
            assertThat(channel.path("status").asInt()).isEqualTo(3);
            assertThat(JSON.readTree(channel.path("other_info").asString()).path("status_reason").asString())
                    .startsWith(reason).contains("invalid_api_key").doesNotContain("sk-solo");
        });
    }

    @When("root turns on automatic enabling and a channel test every {int} seconds")
    public void scheduledTests(int seconds) throws Exception {
        option("AutomaticEnableChannelEnabled", "true");
        option("monitor_setting.auto_test_channel_minutes", Double.toString(seconds / 60.0));
        option("monitor_setting.auto_test_channel_enabled", "true");
    }

    @Then("within {int} seconds {string} is enabled again, with its test's response time recorded")
    public void enabledAgain(int seconds, String name) {
        await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode channel = ok(call("GET", "/api/channel/" + channels.get(name), null));
            assertThat(channel.path("status").asInt()).isEqualTo(1);
            assertThat(channel.path("test_time").asLong()).isPositive();
            assertThat(channel.path("test_failure").isNull()).isTrue();
        });
        // Enabled in the channel list, then in the catalog that routes (each node's, refreshed by the change signal
        // a moment later): the model is listed again once the channel serves it.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(gateway.send("GET", "/v1/models", Map.of("Authorization", "Bearer " + apiKey), null)
                        .body()).contains("\"" + channelModels.get(name) + "\""));
    }

    @Then("testing {string} on demand passes")
    public void testOnDemand(String name) throws Exception {
        HttpResponse<String> response = call("GET", "/api/channel/test/" + channels.get(name), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("success").asBoolean()).as(response.body()).isTrue();
        assertThat(answer.path("time").asDouble()).isPositive();
    }

    private void option(String key, String value) throws Exception {
        ok(call("PUT", "/api/option/", Map.of("key", key, "value", value)));
    }

    private HttpResponse<String> call(String method, String path, @Nullable Object body)
            throws IOException, InterruptedException {
        return root.call(gateway, method, path, body);
    }
}

package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import io.llm402.ops.simulator.UpstreamSimulator;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

public class CrashRecoverySteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UpstreamSimulator simulator;
    private Installation installation;
    private GatewayProcess gateway;
    private String completedRequest;
    private String interruptedRequest;
    private final List<String> interruptedRequests = new ArrayList<>();

    @After("@crash")
    public void stopEverything() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Given("a fresh gateway with the billing bootstrap and its own upstream simulator")
    public void aFreshGateway() throws Exception {
        simulator = new UpstreamSimulator(0).start();
        installation = new Installation();
        String bootstrap;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(
                "/io/llm402/features/billing/billing.yaml"))) {
            bootstrap = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        installation.useBootstrap(bootstrap.replace("${SIM}", simulator.baseUrl()));
        gateway = installation.start();
        gateway.awaitReady();
    }

    @Given("{string} has completed a request on {string}")
    public void hasCompletedARequest(String key, String model) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key, chat(model, false));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        completedRequest = response.headers().firstValue("X-LLM402-Request-Id").orElseThrow();
    }

    @When("a stream from {string} is in progress and the gateway is killed with kill -9")
    public void aStreamIsInProgressAndTheGatewayIsKilled(String model) throws Exception {
        HttpResponse<InputStream> response = gateway.postStreaming("/v1/chat/completions", "sk-alice-wide-0002",
                chat(model, true));
        interruptedRequest = response.headers().firstValue("X-LLM402-Request-Id").orElseThrow();
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        int events = 0;
        String line;
        while (events < 5 && (line = reader.readLine()) != null) {
            if (line.startsWith("data: ")) {
                events++;
            }
        }
        assertThat(events).as("the stream was flowing when the node died").isEqualTo(5);
        gateway.kill();
        response.body().close();
    }

    @When("a stream from {string} is killed with kill -9 mid-way and the gateway restarted, {int} times")
    public void killedAndRestartedRepeatedly(String model, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            aStreamIsInProgressAndTheGatewayIsKilled(model);
            interruptedRequests.add(interruptedRequest);
            theGatewayIsStartedAgain();
        }
    }

    @Then("every interrupted request is {string} and charged {long} nano-USD")
    public void everyInterruptedRequestIs(String phase, long amount) throws Exception {
        assertThat(interruptedRequests).isNotEmpty();
        for (String requestId : interruptedRequests) {
            JsonNode receipt = receipt(requestId);
            assertThat(receipt.path("phase").asString()).as(requestId).isEqualTo(phase);
            assertThat(receipt.path("amount_nano_usd").asLong()).isEqualTo(amount);
        }
    }

    @When("the gateway is stopped with SIGTERM")
    public void theGatewayIsStopped() throws Exception {
        gateway.close();
    }

    @Then("every allowance it funded was returned before it stopped")
    public void everyAllowanceWasReturned() throws Exception {
        // Read from the event store itself: the projections of a stopped node may lag behind it.
        long funded = installation.query(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%AllowanceFundedEvent'",
                rows -> rows.next() ? rows.getLong(1) : -1L);
        long returned = installation.query(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%AllowanceReturnedEvent'",
                rows -> rows.next() ? rows.getLong(1) : -1L);
        assertThat(funded).isPositive();
        assertThat(returned).isEqualTo(funded);
    }

    @When("the gateway is started again on the same data")
    public void theGatewayIsStartedAgain() throws Exception {
        gateway = installation.start();
        gateway.awaitReady();
    }

    @Then("the interrupted request is {string} and charged {long} nano-USD")
    public void theInterruptedRequestIs(String phase, long amount) throws Exception {
        JsonNode receipt = receipt(interruptedRequest);
        assertThat(receipt.path("phase").asString()).isEqualTo(phase);
        assertThat(receipt.path("amount_nano_usd").asLong()).isEqualTo(amount);
    }

    @Then("the completed request is charged {long} nano-USD, once")
    public void theCompletedRequestIsChargedOnce(long amount) throws Exception {
        JsonNode receipt = receipt(completedRequest);
        assertThat(receipt.path("phase").asString()).isEqualTo("posted");
        assertThat(receipt.path("amount_nano_usd").asLong()).isEqualTo(amount);
        long posted = installation.query("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%UsagePostedEvent'",
                rows -> rows.next() ? rows.getLong(1) : 0L);
        assertThat(posted).isEqualTo(1);
    }

    @Then("no reservation is pending, every allowance is returned and debits equal credits")
    public void theLedgerIsClean() {
        // The ledger book is projected asynchronously; it settles within moments of the restart.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(this::ledgerIsClean);
    }

    private void ledgerIsClean() throws Exception {
        long pending = installation.query("SELECT COUNT(*) FROM request_log WHERE phase = 'reserved'",
                rows -> rows.next() ? rows.getLong(1) : -1L);
        long open = installation.query("SELECT COUNT(*) FROM allowances WHERE returned = FALSE",
                rows -> rows.next() ? rows.getLong(1) : -1L);
        long[] totals = installation.query(
                "SELECT SUM(debits_posted_nano), SUM(credits_posted_nano) FROM ledger_accounts",
                rows -> rows.next() ? new long[] {rows.getLong(1), rows.getLong(2)} : new long[2]);
        assertThat(pending).isZero();
        assertThat(open).isZero();
        assertThat(totals[0]).isPositive().isEqualTo(totals[1]);
    }

    private JsonNode receipt(String requestId) throws Exception {
        HttpResponse<String> response = gateway.get("/api/usage/requests/" + requestId, "sk-alice-wide-0002");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    }
}

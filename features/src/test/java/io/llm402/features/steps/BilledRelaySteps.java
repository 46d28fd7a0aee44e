package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.BillingWorld;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

public class BilledRelaySteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What "slow-model" would cost streamed to the end: 100 prompt + 60 output tokens at 1.00 / 2.00 per 1M. */
    private static final long WHOLE_SLOW_STREAM_NANO_USD = 100 * 1_000L + 60 * 2_000L;

    private static final String REJECTED = "io.llm402.domain.request.api.RequestRejectedEvent";

    private BillingWorld world;
    private long rejectionsBefore;
    private int status;
    private String body;
    private String requestId;
    private List<String> events;
    private long upstreamRequestsBefore;

    @Given("the gateway runs with the billing bootstrap and the upstream simulator")
    public void theGatewayRuns() throws Exception {
        world = BillingWorld.get();
        upstreamRequestsBefore = world.simulator().requestCount();
    }

    @When("{string} asks {string} for a chat completion")
    public void asksForAChatCompletion(String key, String model) throws Exception {
        requestKey = key;
        rejectionsBefore = rejections();
        HttpResponse<String> response = world.gateway().post("/v1/chat/completions", key, chat(model, false));
        status = response.statusCode();
        body = response.body();
        requestId = response.headers().firstValue("X-LLM402-Request-Id").orElse(null);
    }

    @When("{string} streams a chat completion from {string}")
    public void streamsAChatCompletion(String key, String model) throws Exception {
        requestKey = key;
        HttpResponse<InputStream> response = world.gateway().postStreaming("/v1/chat/completions", key,
                chat(model, true));
        status = response.statusCode();
        requestId = response.headers().firstValue("X-LLM402-Request-Id").orElseThrow();
        events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                }
            }
        }
    }

    @When("{string} streams from {string} and hangs up after {int} events")
    public void streamsAndHangsUp(String key, String model, int count) throws Exception {
        requestKey = key;
        HttpResponse<InputStream> response = world.gateway().postStreaming("/v1/chat/completions", key,
                chat(model, true));
        requestId = response.headers().firstValue("X-LLM402-Request-Id").orElseThrow();
        InputStream stream = response.body();
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        int seen = 0;
        String line;
        while (seen < count && (line = reader.readLine()) != null) {
            if (line.startsWith("data: ")) {
                seen++;
            }
        }
        stream.close();
    }

    /** A raw socket, so that nothing reads on the client's behalf once the test stops reading. */
    @When("{string} streams from {string} and stops reading after the first kilobyte")
    public void streamsAndStopsReading(String key, String model) throws Exception {
        requestKey = key;
        byte[] body = chat(model, true).getBytes(StandardCharsets.UTF_8);
        stalledClient = new Socket("127.0.0.1", world.gateway().port());
        stalledClient.setReceiveBufferSize(16 * 1024);
        OutputStream out = stalledClient.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = stalledClient.getInputStream();
        byte[] first = in.readNBytes(1024);
        String head = new String(first, StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("HTTP/1.1 200");
        Matcher id = Pattern.compile("(?i)X-LLM402-Request-Id: (\\S+)").matcher(head);
        assertThat(id.find()).as(head).isTrue();
        requestId = id.group(1);
        stalledAt = System.nanoTime();
    }

    @Then("within {int} seconds the receipt shows phase {string} and basis {string}, for less output than the stream "
            + "held")
    public void withinSecondsTheReceiptShows(int seconds, String phase, String basis) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(seconds))
                    .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                        JsonNode receipt = receipt();
                        assertThat(receipt.path("phase").asString()).isEqualTo(phase);
                        assertThat(receipt.path("basis").asString()).isEqualTo(basis);
                        assertThat(receipt.path("usage").path("output_tokens").asLong()).isPositive()
                                .isLessThan(400_000);
                    });
            long cutAfterMs = (System.nanoTime() - stalledAt) / 1_000_000;
            System.out.println("A stalled client was cut and charged " + cutAfterMs + " ms after it stopped reading");
        } finally {
            stalledClient.close();
        }
    }

    private Socket stalledClient;
    private long stalledAt;

    @Then("the answer is {int} with a request id")
    public void theAnswerIsWithARequestId(int expected) {
        assertThat(status).as(body).isEqualTo(expected);
        assertThat(requestId).startsWith("req_");
    }

    @Then("the answer is {int} with an OpenAI error of type {string}")
    public void theAnswerIsAnOpenAiError(int expected, String type) {
        assertThat(status).isEqualTo(expected);
        JsonNode error = JSON.readTree(body).path("error");
        assertThat(error.path("type").asString()).isEqualTo(type);
        assertThat(error.path("message").asString()).isNotBlank().doesNotContain("sk-upstream", "127.0.0.1");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
    }

    @Then("the stream ends with [DONE] and shows no usage chunk it did not ask for")
    public void theStreamEndsWithDone() {
        assertThat(status).isEqualTo(200);
        assertThat(events).last().isEqualTo("[DONE]");
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(event ->
                assertThat(JSON.readTree(event).path("choices").isEmpty()).as("a usage-only chunk").isFalse());
    }

    @Then("the stream ends with an OpenAI error event instead of [DONE]")
    public void theStreamEndsWithAnError() {
        assertThat(status).isEqualTo(200);
        assertThat(events).doesNotContain("[DONE]");
        assertThat(JSON.readTree(events.getLast()).path("error").path("type").asString()).isEqualTo("server_error");
    }

    @Then("the receipt shows phase {string}, basis {string}, channel {string} and {long} nano-USD")
    public void theReceiptShows(String phase, String basis, String channel, long amount) throws Exception {
        JsonNode receipt = receipt();
        assertThat(receipt.path("phase").asString()).isEqualTo(phase);
        assertThat(receipt.path("basis").asString()).isEqualTo(basis);
        assertThat(receipt.path("channel").asString()).isEqualTo(channel);
        assertThat(receipt.path("amount_nano_usd").asLong()).isEqualTo(amount);
        assertThat(receipt.path("amount_usd").asString())
                .isEqualTo(io.llm402.domain.shared.NanoUsd.toUsdString(amount));
        assertThat(receipt.path("price_version").asInt()).isEqualTo(1);
    }

    @Then("the receipt shows phase {string} and {long} nano-USD")
    public void theReceiptShowsPhaseAndAmount(String phase, long amount) throws Exception {
        JsonNode receipt = receipt();
        assertThat(receipt.path("phase").asString()).isEqualTo(phase);
        assertThat(receipt.path("amount_nano_usd").asLong()).isEqualTo(amount);
    }

    @Then("the receipt shows phase {string} and basis {string}, charged less than the whole stream would cost")
    public void theReceiptShowsAPartialCharge(String phase, String basis) throws Exception {
        JsonNode receipt = receipt();
        assertThat(receipt.path("phase").asString()).isEqualTo(phase);
        assertThat(receipt.path("basis").asString()).isEqualTo(basis);
        assertThat(receipt.path("amount_nano_usd").asLong()).isPositive().isLessThan(WHOLE_SLOW_STREAM_NANO_USD);
    }

    @Then("the simulator saw {int} request(s) on {string}")
    public void theSimulatorSawRequestsOn(int count, String prefix) {
        assertThat(world.simulator().requestCount(prefix)).isEqualTo(count);
    }

    @Then("{string} finds it among its own receipts, listed with the key in x-api-key")
    public void findsItAmongItsReceipts(String key) throws Exception {
        HttpResponse<String> list = world.gateway().send("GET", "/api/usage/requests?limit=1000",
                java.util.Map.of("x-api-key", key), null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(list.body());
        assertThat(page.path("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(receipt -> ids.add(receipt.path("request_id").asString()));
        assertThat(ids).contains(requestId);
        HttpResponse<String> other = world.gateway().send("GET", "/api/usage/requests",
                java.util.Map.of("x-api-key", "sk-bob-broke-0003"), null);
        assertThat(JSON.readTree(other.body()).path("data").toString()).doesNotContain(requestId);
    }

    @Then("the error tells nothing of the upstream")
    public void theErrorTellsNothingOfTheUpstream() {
        String message = JSON.readTree(body).path("error").path("message").asString();
        assertThat(message).isNotBlank().doesNotContain("simulated", "127.0.0.1", "sk-upstream", "broken");
    }

    @Then("the refusal is recorded as an event")
    public void theRefusalIsRecorded() throws Exception {
        // The event goes with the next group commit; nothing waits for it, so it may land just after the answer.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(rejections()).isEqualTo(rejectionsBefore + 1));
    }

    private long rejections() throws Exception {
        return world.installation().query("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType = '"
                + REJECTED + "'", rows -> rows.next() ? rows.getLong(1) : -1L);
    }

    @Then("the simulator saw no request for it")
    public void theSimulatorSawNoRequest() {
        assertThat(world.simulator().requestCount()).isEqualTo(upstreamRequestsBefore);
    }

    /** The receipt, asked with the same key that made the request. */
    private JsonNode receipt() throws Exception {
        assertThat(requestId).isNotNull();
        String key = requestKey;
        HttpResponse<String> response = world.gateway().get("/api/usage/requests/" + requestId, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String requestKey;

    private String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    }
}

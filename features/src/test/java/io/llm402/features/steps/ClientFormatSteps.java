package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.BillingWorld;
import io.llm402.ops.simulator.SeenRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Steps for the client-format features: each client authenticates the way its SDK does, and each answer and stream is
 * checked in that client's own shape.
 */
public class ClientFormatSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BillingWorld world;
    private String key;
    private int status;
    private String body;
    private String requestId;
    private long upstreamRequestsBefore;
    /** Streamed events as (name or null, data). */
    private final List<String[]> events = new ArrayList<>();

    @Given("the gateway serves every provider through the upstream simulator")
    public void theGatewayServesEveryProvider() throws Exception {
        world = BillingWorld.get();
        upstreamRequestsBefore = world.simulator().requestCount();
    }

    @When("{string} posts to {string} as an {word} client:")
    @When("{string} posts to {string} as a {word} client:")
    public void postsAs(String key, String path, String client, String json) throws Exception {
        this.key = key;
        HttpResponse<String> response = world.gateway().send("POST", path.replace("{key}", key),
                headers(client, key, path), json);
        status = response.statusCode();
        body = response.body();
        requestId = response.headers().firstValue("X-LLM402-Request-Id").orElse(null);
        events.clear();
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            parseEvents(body);
        }
    }

    @When("{string} sends a chat completion to {string} whose content is {int} MB of the letter {string}")
    public void sendsAHugeRun(String key, String model, int megabytes, String letter) throws Exception {
        String content = letter.repeat(megabytes * 1024 * 1024);
        postsAs(key, "/v1/chat/completions", "OpenAI", "{\"model\": \"" + model
                + "\", \"messages\": [{\"role\": \"user\", \"content\": \"" + content + "\"}]}");
    }

    @When("{string} sends a chat completion to a model named {int} times {string}")
    public void sendsToAnOversizedModel(String key, int times, String letter) throws Exception {
        postsAs(key, "/v1/chat/completions", "OpenAI", "{\"model\": \"" + letter.repeat(times)
                + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
    }

    @Then("the answer is shorter than {int} characters")
    public void theAnswerIsShorterThan(int characters) {
        assertThat(body.length()).as(body).isLessThan(characters);
    }

    @Then("the gateway still answers")
    public void theGatewayStillAnswers() throws Exception {
        HttpResponse<String> response = world.gateway().send("GET", "/api/status", Map.of(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @When("{string} gets {string} as an {word} client")
    @When("{string} gets {string} as a {word} client")
    public void getsAs(String key, String path, String client) throws Exception {
        this.key = key;
        HttpResponse<String> response = world.gateway().send("GET", path.replace("{key}", key),
                headers(client, key, path), null);
        status = response.statusCode();
        body = response.body();
    }

    private static Map<String, String> headers(String client, String key, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (client) {
            case "OpenAI" -> headers.put("Authorization", "Bearer " + key);
            case "Azure-style" -> headers.put("api-key", key);
            case "Anthropic" -> {
                headers.put("x-api-key", key);
                headers.put("anthropic-version", "2023-06-01");
            }
            // Claude Code with ANTHROPIC_AUTH_TOKEN: a bearer token, several betas.
            case "Claude-Code" -> {
                headers.put("Authorization", "Bearer " + key);
                headers.put("anthropic-version", "2023-06-01");
                headers.put("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
            }
            case "Gemini" -> {
                if (!path.contains("key=")) {
                    headers.put("x-goog-api-key", key);
                }
            }
            default -> throw new IllegalArgumentException("unknown client " + client);
        }
        return headers;
    }

    private void parseEvents(String text) {
        String name = null;
        StringBuilder data = null;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new String[] {name, data.toString()});
                }
                name = null;
                data = null;
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
            }
        }
        assertThat(data).as("every event ends with a blank line").isNull();
    }

    @Then("the answer is {int}")
    public void theAnswerIs(int expected) {
        assertThat(status).as(body).isEqualTo(expected);
    }

    @Then("the answer's {string} is {string}")
    public void theAnswerFieldIs(String pointer, String expected) {
        assertThat(JSON.readTree(body).at(pointer).asString()).as(body).isEqualTo(expected);
    }

    @Then("the answer's {string} is the number {long}")
    public void theAnswerFieldIsNumber(String pointer, long expected) {
        assertThat(JSON.readTree(body).at(pointer).asLong(-1)).as(body).isEqualTo(expected);
    }

    @Then("the answer has no {string}")
    public void theAnswerHasNo(String pointer) {
        assertThat(JSON.readTree(body).at(pointer).isMissingNode()).as(body).isTrue();
    }

    @Then("the answer's {string} is a base64 vector of {int} floats")
    public void theAnswerIsABase64Vector(String pointer, int floats) {
        JsonNode value = JSON.readTree(body).at(pointer);
        assertThat(value.isString()).as(body).isTrue();
        byte[] bytes = Base64.getDecoder().decode(value.asString());
        assertThat(bytes).hasSize(floats * Float.BYTES);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < floats; i++) {
            assertThat(Float.isFinite(buffer.getFloat())).isTrue();
        }
    }

    @Then("the stream's events are named from {string} to {string}")
    public void theStreamsEventsAreNamed(String first, String last) {
        assertThat(status).as(body).isEqualTo(200);
        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(event -> {
            assertThat(event[0]).as("every event has an event: name").isNotNull();
            assertThat(JSON.readTree(event[1]).path("type").asString()).isEqualTo(event[0]);
        });
        assertThat(events.getFirst()[0]).isEqualTo(first);
        assertThat(events.getLast()[0]).isEqualTo(last);
    }

    @Then("the stream's last data event has {string} equal to {string}")
    public void theStreamsLastEventHas(String pointer, String expected) {
        assertThat(status).as(body).isEqualTo(200);
        assertThat(events).isNotEmpty();
        assertThat(events.getLast()[0]).isNull();
        assertThat(JSON.readTree(events.getLast()[1]).at(pointer).asString()).isEqualTo(expected);
    }

    @Then("the stream has content blocks {string}")
    public void theStreamHasContentBlocks(String types) {
        List<String> blocks = new ArrayList<>();
        for (String[] event : events) {
            if ("content_block_start".equals(event[0])) {
                JsonNode start = JSON.readTree(event[1]);
                assertThat(start.path("index").asInt()).as("blocks are numbered in order").isEqualTo(blocks.size());
                blocks.add(start.path("content_block").path("type").asString());
            }
        }
        assertThat(String.join(", ", blocks)).isEqualTo(types);
    }

    @Then("the stream ends with [DONE] after a finish reason {string}")
    public void theStreamEndsWithDoneAfter(String finishReason) {
        assertThat(status).as(body).isEqualTo(200);
        assertThat(events.getLast()[1]).isEqualTo("[DONE]");
        assertThat(events.stream().filter(e -> !e[1].equals("[DONE]"))
                .map(e -> JSON.readTree(e[1]).at("/choices/0/finish_reason").asString(""))
                .filter(reason -> !reason.isEmpty()).toList()).containsExactly(finishReason);
    }

    @Then("the streamed content starts with {string} and contains {string} once, with no reasoning_content")
    public void theStreamedContentStartsWith(String start, String once) {
        StringBuilder content = new StringBuilder();
        for (String[] event : events) {
            assertThat(event[1]).doesNotContain("reasoning_content");
            if (!event[1].equals("[DONE]")) {
                content.append(JSON.readTree(event[1]).at("/choices/0/delta/content").asString(""));
            }
        }
        String text = content.toString();
        assertThat(text).startsWith(unescape(start));
        assertThat(text.split(java.util.regex.Pattern.quote(unescape(once)), -1)).hasSize(2);
    }

    @Then("the answer's content starts with {string}")
    public void theAnswersContentStartsWith(String start) {
        assertThat(JSON.readTree(body).at("/choices/0/message/content").asString()).startsWith(unescape(start));
    }

    @Then("the receipt names model {string} billed as {string} and sent upstream as {string}")
    public void theReceiptNames(String model, String billed, String upstream) throws Exception {
        JsonNode receipt = receipt();
        assertThat(receipt.path("model").asString()).isEqualTo(model);
        assertThat(receipt.path("billed_model").asString()).isEqualTo(billed);
        assertThat(receipt.path("upstream_model").asString()).isEqualTo(upstream);
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n");
    }

    @Then("the answer is {int} in the {word} error shape with type {string}")
    public void theAnswerIsAnError(int expected, String shape, String type) {
        assertThat(status).as(body).isEqualTo(expected);
        JsonNode json = JSON.readTree(body);
        switch (shape) {
            case "OpenAI" -> assertThat(json.path("error").path("type").asString()).isEqualTo(type);
            case "Claude" -> {
                assertThat(json.path("type").asString()).isEqualTo("error");
                assertThat(json.path("error").path("type").asString()).isEqualTo(type);
                assertThat(json.path("request_id").asString()).startsWith("req_");
            }
            case "Gemini" -> {
                assertThat(json.path("error").path("status").asString()).isEqualTo(type);
                assertThat(json.path("error").path("code").asInt()).isEqualTo(expected);
            }
            default -> throw new IllegalArgumentException("unknown error shape " + shape);
        }
        assertThat(body).doesNotContain("sk-upstream", "127.0.0.1");
    }

    @Then("it was charged {long} nano-USD on channel {string}")
    public void itWasCharged(long amount, String channel) throws Exception {
        JsonNode receipt = receipt();
        assertThat(receipt.path("phase").asString()).isEqualTo("posted");
        assertThat(receipt.path("channel").asString()).isEqualTo(channel);
        assertThat(receipt.path("amount_nano_usd").asLong()).as(receipt.toString()).isEqualTo(amount);
    }

    @Then("it was charged from the upstream's usage: {long} nano-USD on channel {string}")
    public void itWasChargedFromUpstreamUsage(long amount, String channel) throws Exception {
        itWasCharged(amount, channel);
        assertThat(receipt().path("basis").asString()).isEqualTo("upstream");
    }

    @Then("the receipt's usage {string} is {long}")
    public void theReceiptsUsageIs(String field, long expected) throws Exception {
        assertThat(receipt().path("usage").path(field).asLong(-1)).isEqualTo(expected);
    }

    @Then("nothing was charged")
    public void nothingWasCharged() throws Exception {
        if (requestId == null) {
            return;
        }
        HttpResponse<String> response = world.gateway().get("/api/usage/requests/" + requestId, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    }

    @Then("no upstream was called")
    public void noUpstreamWasCalled() {
        assertThat(world.simulator().requestCount()).isEqualTo(upstreamRequestsBefore);
    }

    @Then("the upstream on {string} was called at {string}")
    public void theUpstreamWasCalledAt(String prefix, String pathAndQuery) {
        SeenRequest seen = world.simulator().lastRequest(prefix);
        assertThat(seen).isNotNull();
        assertThat(seen.pathAndQuery()).isEqualTo(prefix + pathAndQuery);
    }

    @Then("the upstream on {string} got header {string} = {string} and never the client's key")
    public void theUpstreamGotHeader(String prefix, String header, String value) {
        SeenRequest seen = world.simulator().lastRequest(prefix);
        assertThat(seen).isNotNull();
        assertThat(seen.headers()).containsEntry(header.toLowerCase(java.util.Locale.ROOT), value);
        assertThat(seen.headers().toString()).doesNotContain(key);
    }

    @Then("the upstream on {string} got a body whose {string} is {string}")
    public void theUpstreamGotABodyWith(String prefix, String pointer, String expected) {
        SeenRequest seen = world.simulator().lastRequest(prefix);
        assertThat(seen).isNotNull();
        assertThat(JSON.readTree(seen.body()).at(pointer).asString()).isEqualTo(expected);
    }

    private JsonNode receipt() throws Exception {
        assertThat(requestId).as("a request id").isNotNull();
        HttpResponse<String> response = world.gateway().get("/api/usage/requests/" + requestId, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

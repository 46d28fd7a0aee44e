package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.LimitsWorld;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** new-api's model request rate limit, seen by clients of each format. */
public class RateLimitSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LimitsWorld world;
    private long upstreamBefore;
    private long rejectionsBefore;
    private final List<HttpResponse<String>> refusals = new ArrayList<>();
    private final List<HttpResponse<InputStream>> held = new ArrayList<>();

    @Before("@limits")
    public void baseline() {
        refusals.clear();
    }

    @Given("a gateway whose bootstrap sets the model request rate limit, with its own upstream simulator")
    public void aGateway() throws Exception {
        world = LimitsWorld.get();
        upstreamBefore = world.simulator().requestCount("/sim/prompt=100/completion=20");
        rejectionsBefore = rejections();
    }

    @When("{string} sends a malformed chat request")
    public void sendsAMalformedRequest(String key) throws Exception {
        HttpResponse<String> response = world.gateway().post("/v1/chat/completions", key,
                "{\"model\":\"chat-model\",\"messages\":\"not a list\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }

    @When("{string} sends {int} chat requests")
    public void sendsChatRequests(String key, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = world.gateway().post("/v1/chat/completions", key, chat());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    @Then("the upstream has been called {int} times")
    public void theUpstreamHasBeenCalled(int times) {
        assertThat(world.simulator().requestCount("/sim/prompt=100/completion=20") - upstreamBefore)
                .isEqualTo(times);
    }

    @Then("the next OpenAI, Claude and Gemini requests of {string} are each refused with 429 in their own format")
    public void eachFormatIsRefused(String key) throws Exception {
        HttpResponse<String> openAi = world.gateway().post("/v1/chat/completions", key, chat());
        assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(429);
        JsonNode openAiError = JSON.readTree(openAi.body()).path("error");
        assertThat(openAiError.path("code").asString()).isEqualTo("rate_limit_exceeded");
        refusals.add(openAi);

        HttpResponse<String> claude = world.gateway().send("POST", "/v1/messages", Map.of("x-api-key", key,
                "anthropic-version", "2023-06-01"), "{\"model\":\"chat-model\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(claude.statusCode()).as(claude.body()).isEqualTo(429);
        JsonNode claudeBody = JSON.readTree(claude.body());
        assertThat(claudeBody.path("type").asString()).isEqualTo("error");
        assertThat(claudeBody.path("error").path("type").asString()).isEqualTo("rate_limit_error");
        refusals.add(claude);

        HttpResponse<String> gemini = world.gateway().send("POST",
                "/v1beta/models/chat-model:generateContent", Map.of("x-goog-api-key", key),
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}");
        assertThat(gemini.statusCode()).as(gemini.body()).isEqualTo(429);
        JsonNode geminiError = JSON.readTree(gemini.body()).path("error");
        assertThat(geminiError.path("code").asInt()).isEqualTo(429);
        assertThat(geminiError.path("status").asString()).isEqualTo("RESOURCE_EXHAUSTED");
        refusals.add(gemini);
    }

    @Then("each refusal says {string} and gives a Retry-After")
    public void eachRefusalSays(String text) {
        assertThat(refusals).hasSize(3).allSatisfy(refusal -> {
            assertThat(refusal.body()).contains(text);
            long seconds = Long.parseLong(refusal.headers().firstValue("Retry-After").orElseThrow());
            assertThat(seconds).isBetween(1L, 60L);
            assertThat(refusal.headers().firstValue("retry-after-ms")).isPresent();
        });
    }

    @Then("{int} rate-limited rejections are recorded")
    public void rejectionsAreRecorded(int count) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(rejections() - rejectionsBefore).isEqualTo(count));
    }

    @Then("the next chat request of {string} is refused with 429 saying {string}")
    public void theNextRequestIsRefused(String key, String text) throws Exception {
        HttpResponse<String> response = world.gateway().post("/v1/chat/completions", key, chat());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.body()).contains(text).doesNotContain("failures included");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @When("{string} holds {int} streams open")
    public void holdsStreamsOpen(String key, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            HttpResponse<InputStream> stream = world.gateway().postStreaming("/v1/chat/completions", key,
                    "{\"model\":\"held-model\",\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertThat(stream.statusCode()).isEqualTo(200);
            held.add(stream);
        }
    }

    @Then("another request of {string} is refused with 429 {string} and Retry-After {int}")
    public void anotherRequestIsRefused(String key, String text, int seconds) throws Exception {
        HttpResponse<String> response = world.gateway().post("/v1/chat/completions", key, chat());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asString())
                .isEqualTo("concurrency_limit_exceeded");
        assertThat(response.body()).contains(text);
        assertThat(response.headers().firstValue("Retry-After")).contains(Integer.toString(seconds));
    }

    @Then("once its streams have ended {string} is served again")
    public void servedAgain(String key) throws Exception {
        for (HttpResponse<InputStream> stream : held) {
            try (InputStream body = stream.body()) {
                body.readAllBytes();
            }
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> response = world.gateway().post("/v1/chat/completions", key, chat());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        });
    }

    private long rejections() throws Exception {
        return world.installation().query("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE "
                + "'%RequestRejectedEvent'", rows -> rows.next() ? rows.getLong(1) : -1L);
    }

    private static String chat() {
        return "{\"model\":\"chat-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    }
}

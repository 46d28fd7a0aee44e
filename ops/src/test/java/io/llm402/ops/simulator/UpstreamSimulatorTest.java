package io.llm402.ops.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UpstreamSimulatorTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String PLAIN = """
            {"model":"gpt-test","messages":[{"role":"user","content":"abcdefgh"}]}""";
    private static final String STREAM = """
            {"model":"gpt-test","stream":true,"messages":[{"role":"user","content":"hi"}]}""";
    private static final String STREAM_WITH_USAGE = """
            {"model":"gpt-test","stream":true,"stream_options":{"include_usage":true},
             "messages":[{"role":"user","content":"hi"}]}""";

    private static UpstreamSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = new UpstreamSimulator(0).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void nonStreamingAnswersLikeOpenAiWithTheConfiguredUsage() throws Exception {
        HttpResponse<String> response = post("/sim/cached=1024/reasoning=12", PLAIN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("id").asString()).startsWith("chatcmpl-sim-");
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("model").asString()).isEqualTo("gpt-test");
        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asString()).isEqualTo(UpstreamSimulator.CONTENT);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
        JsonNode usage = body.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(8 / 4 + 4);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(11);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(1024);
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(12);
        assertThat(simulator.requestCount("/sim/cached=1024/reasoning=12")).isEqualTo(1);
    }

    @Test
    void statusAnswersThatStatusWithAnOpenAiError() throws Exception {
        HttpResponse<String> response = post("/sim/status=503", PLAIN);

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asString()).isEqualTo("simulated upstream error");
        assertThat(error.path("type").asString()).isEqualTo("server_error");
        assertThat(error.path("param").isNull()).isTrue();
        assertThat(error.path("code").isNull()).isTrue();
        assertThat(simulator.requestCount("/sim/status=503")).isEqualTo(1);

        HttpResponse<String> limited = post("/sim/status=429", PLAIN);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void streamingWithIncludeUsageEndsWithAUsageChunkThenDone() throws Exception {
        HttpResponse<String> response = post("/sim/chunks=3/cached=7/stream-usage", STREAM_WITH_USAGE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<String> events = events(response.body());
        assertThat(events).hasSize(7).allMatch(event -> event.startsWith("data: "));
        List<JsonNode> chunks = events.subList(0, 6).stream().map(UpstreamSimulatorTest::json).toList();
        assertThat(chunks.getFirst().path("choices").path(0).path("delta").path("role").asString())
                .isEqualTo("assistant");
        for (int i = 0; i < 3; i++) {
            JsonNode chunk = chunks.get(1 + i);
            assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("choices").path(0).path("delta").path("content").asString())
                    .isEqualTo("tok" + i + " ");
            assertThat(chunk.path("usage").isNull()).isTrue();
        }
        assertThat(chunks.get(4).path("choices").path(0).path("finish_reason").asString()).isEqualTo("stop");
        JsonNode usageChunk = chunks.get(5);
        assertThat(usageChunk.path("choices").isArray()).isTrue();
        assertThat(usageChunk.path("choices").size()).isZero();
        assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(usageChunk.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(7);
        assertThat(events.getLast()).isEqualTo("data: [DONE]");
    }

    @Test
    void streamingWithoutIncludeUsageSendsNoUsage() throws Exception {
        HttpResponse<String> response = post("/sim/chunks=2/stream-plain", STREAM);

        List<String> events = events(response.body());
        assertThat(events).hasSize(5).last().isEqualTo("data: [DONE]");
        for (String event : events.subList(0, 4)) {
            JsonNode chunk = json(event);
            assertThat(chunk.has("usage")).isFalse();
            assertThat(chunk.path("choices").size()).isEqualTo(1);
        }
    }

    @Test
    void cutAfterEndsTheStreamAbruptly() throws Exception {
        HttpRequest request = request("/sim/chunks=5/cutAfter=2", STREAM_WITH_USAGE);
        InputStream body = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (body) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (IOException expected) {
            // the connection was dropped mid-body: that is the point
        }
        assertThat(received.toString(UTF_8))
                .contains("tok0 ", "tok1 ")
                .doesNotContain("tok2", "\"stop\"", "[DONE]", "total_tokens");
    }

    @Test
    void modelsListsTheSimulatorModel() throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/sim/v1/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asString()).isEqualTo("list");
        assertThat(body.path("data").path(0).path("id").asString()).isEqualTo("sim-model");
    }

    private static HttpResponse<String> post(String prefix, String json) throws Exception {
        return CLIENT.send(request(prefix, json), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String prefix, String json) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + prefix + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** SSE events separated by blank lines. */
    private static List<String> events(String body) {
        return Arrays.stream(body.split("\n\n")).filter(event -> !event.isBlank()).toList();
    }

    private static JsonNode json(String event) {
        return JSON.readTree(event.substring("data: ".length()));
    }
}

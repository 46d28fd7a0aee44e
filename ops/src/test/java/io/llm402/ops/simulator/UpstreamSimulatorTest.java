package io.llm402.ops.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
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
    private static final String CLAUDE = """
            {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";
    private static final String CLAUDE_STREAM = """
            {"model":"claude-sonnet-4-5","max_tokens":100,"stream":true,
             "messages":[{"role":"user","content":"hi"}]}""";
    private static final String[] CLAUDE_HEADERS = {"x-api-key", "sk-ant-upstream", "anthropic-version", "2023-06-01"};
    private static final String GEMINI = """
            {"contents":[{"role":"user","parts":[{"text":"Weather in Paris?"}]}]}""";
    private static final String GEMINI_FLASH = "/v1beta/models/gemini-2.5-flash";

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
        assertThat(choice.path("message").path("reasoning_content").asString()).isEqualTo(Fake.REASONING);
        assertThat(choice.path("message").has("tool_calls")).isFalse();
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

    @Test
    void legacyCompletionsAnswerWithTextChoicesAndTheGivenUsage() throws Exception {
        HttpResponse<String> response = postTo("/legacy/prompt=9/completion=4/v1/completions", """
                {"model":"gpt-3.5-turbo-instruct","prompt":"Say hi"}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("id").asString()).startsWith("cmpl-sim-");
        assertThat(body.path("object").asString()).isEqualTo("text_completion");
        assertThat(body.path("model").asString()).isEqualTo("gpt-3.5-turbo-instruct");
        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("text").asString()).isEqualTo(UpstreamSimulator.CONTENT);
        assertThat(choice.path("logprobs").isNull()).isTrue();
        assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(9);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(4);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(13);
    }

    @Test
    void legacyCompletionsStreamTextPiecesThenUsageThenDone() throws Exception {
        HttpResponse<String> response = postTo("/legacy/chunks=2/v1/completions", """
                {"model":"m","prompt":"Say hi","stream":true,"stream_options":{"include_usage":true}}""");

        List<String> events = events(response.body());
        assertThat(events).hasSize(5).last().isEqualTo("data: [DONE]");
        for (int i = 0; i < 2; i++) {
            JsonNode chunk = json(events.get(i));
            assertThat(chunk.path("object").asString()).isEqualTo("text_completion");
            assertThat(chunk.path("choices").path(0).path("text").asString()).isEqualTo("tok" + i + " ");
            assertThat(chunk.path("usage").isNull()).isTrue();
        }
        assertThat(json(events.get(2)).path("choices").path(0).path("finish_reason").asString()).isEqualTo("stop");
        JsonNode usageChunk = json(events.get(3));
        assertThat(usageChunk.path("choices").size()).isZero();
        assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void responsesAnswerWithOneMessageItemAndResponsesUsage() throws Exception {
        HttpResponse<String> response = postTo(
                "/responses/prompt=100/cached=40/cacheWrite=20/reasoning=3/completion=8/v1/responses", """
                {"model":"gpt-5","input":"Hi"}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asString()).isEqualTo("response");
        assertThat(body.path("status").asString()).isEqualTo("completed");
        assertThat(body.path("model").asString()).isEqualTo("gpt-5");
        assertThat(body.path("output").size()).isEqualTo(1);
        JsonNode item = body.path("output").path(0);
        assertThat(item.path("type").asString()).isEqualTo("message");
        assertThat(item.path("role").asString()).isEqualTo("assistant");
        assertThat(item.path("content").path(0).path("type").asString()).isEqualTo("output_text");
        assertThat(item.path("content").path(0).path("text").asString()).isEqualTo(UpstreamSimulator.CONTENT);
        JsonNode usage = body.path("usage");
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(100);
        assertThat(usage.path("input_tokens_details").path("cached_tokens").asInt()).isEqualTo(40);
        assertThat(usage.path("input_tokens_details").path("cache_write_tokens").asInt()).isEqualTo(20);
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(8);
        assertThat(usage.path("output_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(108);
    }

    @Test
    void responsesStreamIsTheNamedNumberedEventSequenceWithoutDone() throws Exception {
        HttpResponse<String> response = postTo("/responses/chunks=2/v1/responses", """
                {"model":"gpt-5","input":"Hi","stream":true}""");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<Sse> events = sse(response.body());
        assertThat(events).extracting(Sse::event).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = events.get(i).json();
            assertThat(data.path("type").asString()).isEqualTo(events.get(i).event());
            assertThat(data.path("sequence_number").asInt()).isEqualTo(i);
        }
        assertThat(events.get(0).json().path("response").path("status").asString()).isEqualTo("in_progress");
        assertThat(events.get(4).json().path("delta").asString()).isEqualTo("tok0 ");
        assertThat(events.get(5).json().path("delta").asString()).isEqualTo("tok1 ");
        assertThat(events.get(6).json().path("text").asString()).isEqualTo("tok0 tok1 ");
        JsonNode completed = events.getLast().json().path("response");
        assertThat(completed.path("status").asString()).isEqualTo("completed");
        assertThat(completed.path("output").path(0).path("content").path(0).path("text").asString())
                .isEqualTo("tok0 tok1 ");
        assertThat(completed.path("usage").path("output_tokens").asInt()).isEqualTo(2);
        assertThat(response.body()).doesNotContain("[DONE]");
    }

    @Test
    void embeddingsAreDeterministicVectorsAndBase64CarriesTheirFloat32Bytes() throws Exception {
        JsonNode floats = JSON.readTree(postTo("/embeddings/v1/embeddings", """
                {"model":"text-embedding-3-small","input":["alpha","beta"]}""").body());

        assertThat(floats.path("object").asString()).isEqualTo("list");
        assertThat(floats.path("model").asString()).isEqualTo("text-embedding-3-small");
        assertThat(floats.path("data").size()).isEqualTo(2);
        assertThat(floats.path("data").path(1).path("index").asInt()).isEqualTo(1);
        float[] alpha = floats(floats.path("data").path(0).path("embedding"));
        assertThat(alpha).hasSize(4);
        for (float value : alpha) {
            assertThat(value).isBetween(-1f, 1f);
            assertThat(value * 4).isEqualTo(Math.round(value * 4)); // multiples of 0.25: exact in float32
        }
        assertThat(floats.path("usage").path("prompt_tokens").asInt()).isPositive();
        assertThat(floats.path("usage").path("total_tokens").asInt())
                .isEqualTo(floats.path("usage").path("prompt_tokens").asInt());

        JsonNode single = JSON.readTree(postTo("/embeddings/v1/embeddings", """
                {"model":"text-embedding-3-small","input":"alpha"}""").body());
        assertThat(floats(single.path("data").path(0).path("embedding"))).containsExactly(alpha);

        JsonNode base64 = JSON.readTree(postTo("/embeddings/v1/embeddings", """
                {"model":"text-embedding-3-small","input":["alpha","beta"],"encoding_format":"base64"}""").body());
        for (int i = 0; i < 2; i++) {
            JsonNode encoded = base64.path("data").path(i).path("embedding");
            assertThat(encoded.isString()).isTrue();
            byte[] bytes = Base64.getDecoder().decode(encoded.asString());
            FloatBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] decoded = new float[buffer.remaining()];
            buffer.get(decoded);
            assertThat(decoded).containsExactly(floats(floats.path("data").path(i).path("embedding")));
        }
    }

    @Test
    void azureNeedsItsApiKeyAndOnDeploymentPathsAnApiVersion() throws Exception {
        String deployment = "/azure/cached=3/openai/deployments/my-gpt/chat/completions";

        HttpResponse<String> noKey = postTo(deployment + "?api-version=2024-10-21", PLAIN);
        assertThat(noKey.statusCode()).isEqualTo(401);
        JsonNode keyError = JSON.readTree(noKey.body()).path("error");
        assertThat(keyError.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(keyError.path("code").asString()).isEqualTo("invalid_api_key");

        HttpResponse<String> noVersion = postTo(deployment, PLAIN, "api-key", "azure-key");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noVersion.body()).path("error").path("message").asString()).contains("api-version");

        HttpResponse<String> ok = postTo(deployment + "?api-version=2024-10-21", PLAIN, "api-key", "azure-key");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ok.body());
        assertThat(body.path("model").asString()).isEqualTo("my-gpt");
        assertThat(body.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(3);
        assertThat(simulator.requestCount("/azure/cached=3")).isEqualTo(3);

        HttpResponse<String> v1 = postTo("/azure/cached=3/openai/v1/chat/completions", PLAIN, "api-key", "azure-key");
        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(v1.body()).path("model").asString()).isEqualTo("gpt-test");
        assertThat(postTo("/azure/openai/v1/chat/completions", PLAIN).statusCode()).isEqualTo(401);

        HttpResponse<String> responses = postTo("/azure/openai/v1/responses", """
                {"model":"my-deployment","input":"hi"}""", "api-key", "azure-key");
        assertThat(responses.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(responses.body()).path("object").asString()).isEqualTo("response");

        HttpResponse<String> embeddings = postTo("/azure/openai/deployments/my-embed/embeddings?api-version=2024-10-21",
                """
                {"input":"hello"}""", "api-key", "azure-key");
        assertThat(embeddings.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(embeddings.body()).path("model").asString()).isEqualTo("my-embed");
        HttpResponse<String> v1Embeddings = postTo("/azure/openai/v1/embeddings", """
                {"model":"my-embed","input":"hello"}""", "api-key", "azure-key");
        assertThat(JSON.readTree(v1Embeddings.body()).path("data").size()).isEqualTo(1);
    }

    @Test
    void deepseekFlavorReportsCacheHitsAndMissesAndReasoningText() throws Exception {
        JsonNode body = JSON.readTree(post("/deepseek/flavor=deepseek/prompt=50/cached=20/reasoning=7", PLAIN).body());

        JsonNode message = body.path("choices").path(0).path("message");
        assertThat(message.path("reasoning_content").asString()).isNotBlank();
        assertThat(message.path("content").asString()).isEqualTo(UpstreamSimulator.CONTENT);
        JsonNode usage = body.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(50);
        assertThat(usage.path("prompt_cache_hit_tokens").asInt()).isEqualTo(20);
        assertThat(usage.path("prompt_cache_miss_tokens").asInt()).isEqualTo(30);
        assertThat(usage.has("prompt_tokens_details")).isFalse();
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(7);

        List<String> events = events(post("/deepseek/flavor=deepseek/reasoning=7/chunks=2", STREAM).body());
        assertThat(events).hasSize(6).last().isEqualTo("data: [DONE]"); // role, reasoning, 2 pieces, stop, done
        JsonNode reasoning = json(events.get(1)).path("choices").path(0).path("delta");
        assertThat(reasoning.path("reasoning_content").asString()).isNotBlank();
        assertThat(reasoning.has("content")).isFalse();
        assertThat(json(events.get(2)).path("choices").path(0).path("delta").path("content").asString())
                .isEqualTo("tok0 ");
    }

    @Test
    void claudeMessagesSplitTheInputIntoUncachedCacheReadAndCacheWrites() throws Exception {
        HttpResponse<String> response = postTo(
                "/claude/prompt=1000/cached=600/cacheWrite=100/cacheWrite1h=50/reasoning=10/v1/messages",
                CLAUDE, CLAUDE_HEADERS);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("id").asString()).startsWith("msg_sim_");
        assertThat(body.path("type").asString()).isEqualTo("message");
        assertThat(body.path("role").asString()).isEqualTo("assistant");
        assertThat(body.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(body.path("content").size()).isEqualTo(2);
        assertThat(body.path("content").path(0).path("type").asString()).isEqualTo("thinking");
        assertThat(body.path("content").path(0).path("thinking").asString()).isNotBlank();
        assertThat(body.path("content").path(1).path("type").asString()).isEqualTo("text");
        assertThat(body.path("content").path(1).path("text").asString()).isEqualTo(UpstreamSimulator.CONTENT);
        JsonNode usage = body.path("usage");
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(1000 - 600 - 100 - 50);
        assertThat(usage.path("cache_read_input_tokens").asInt()).isEqualTo(600);
        assertThat(usage.path("cache_creation_input_tokens").asInt()).isEqualTo(150);
        assertThat(usage.path("cache_creation").path("ephemeral_5m_input_tokens").asInt()).isEqualTo(100);
        assertThat(usage.path("cache_creation").path("ephemeral_1h_input_tokens").asInt()).isEqualTo(50);
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void claudeWantsItsHeadersAndAnswersErrorsInItsShape() throws Exception {
        HttpResponse<String> noKey = postTo("/claude-auth/v1/messages", CLAUDE, "anthropic-version", "2023-06-01");
        assertThat(noKey.statusCode()).isEqualTo(401);
        JsonNode keyError = JSON.readTree(noKey.body());
        assertThat(keyError.path("type").asString()).isEqualTo("error");
        assertThat(keyError.path("error").path("type").asString()).isEqualTo("authentication_error");
        assertThat(keyError.path("error").path("message").asString()).isNotBlank();

        HttpResponse<String> noVersion = postTo("/claude-auth/v1/messages", CLAUDE, "x-api-key", "sk-ant-upstream");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noVersion.body()).path("error").path("type").asString())
                .isEqualTo("invalid_request_error");

        HttpResponse<String> overloaded = postTo("/claude-auth/status=529/v1/messages", CLAUDE, CLAUDE_HEADERS);
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(JSON.readTree(overloaded.body()).path("error").path("type").asString())
                .isEqualTo("overloaded_error");

        HttpResponse<String> typo = postTo("/claude-auth/flavor=mistral/v1/messages", CLAUDE, CLAUDE_HEADERS);
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(typo.body()).path("type").asString()).isEqualTo("error");
    }

    @Test
    void claudeStreamNamesEveryEventAndCountsOutputCumulatively() throws Exception {
        HttpResponse<String> response = postTo("/claude-stream/chunks=2/prompt=30/cached=10/v1/messages",
                CLAUDE_STREAM, CLAUDE_HEADERS);

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<Sse> events = sse(response.body());
        assertThat(events).extracting(Sse::event).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        for (Sse event : events) {
            assertThat(event.json().path("type").asString()).isEqualTo(event.event());
        }
        JsonNode startUsage = events.getFirst().json().path("message").path("usage");
        assertThat(startUsage.path("input_tokens").asInt()).isEqualTo(20);
        assertThat(startUsage.path("cache_read_input_tokens").asInt()).isEqualTo(10);
        assertThat(startUsage.path("output_tokens").asInt()).isEqualTo(1);
        assertThat(events.get(1).json().path("content_block").path("type").asString()).isEqualTo("text");
        JsonNode firstDelta = events.get(3).json().path("delta");
        assertThat(firstDelta.path("type").asString()).isEqualTo("text_delta");
        assertThat(firstDelta.path("text").asString()).isEqualTo("tok0 ");
        JsonNode messageDelta = events.get(6).json();
        assertThat(messageDelta.path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(messageDelta.path("usage").path("output_tokens").asInt()).isEqualTo(2);

        List<Sse> withoutUsage = sse(postTo("/claude-stream/chunks=1/noUsage=true/v1/messages", CLAUDE_STREAM,
                CLAUDE_HEADERS).body());
        JsonNode bareDelta = withoutUsage.get(withoutUsage.size() - 2).json();
        assertThat(bareDelta.path("type").asString()).isEqualTo("message_delta");
        assertThat(bareDelta.has("usage")).isFalse();
    }

    @Test
    void claudeStreamWithReasoningStartsWithAThinkingBlockAndCutAfterDropsTheRest() throws Exception {
        List<Sse> events = sse(postTo("/claude-think/chunks=1/reasoning=5/v1/messages", CLAUDE_STREAM,
                CLAUDE_HEADERS).body());

        assertThat(events).extracting(Sse::event).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_stop", "content_block_start",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(1).json().path("content_block").path("type").asString()).isEqualTo("thinking");
        assertThat(events.get(3).json().path("delta").path("type").asString()).isEqualTo("thinking_delta");
        assertThat(events.get(4).json().path("delta").path("type").asString()).isEqualTo("signature_delta");
        assertThat(events.get(6).json().path("index").asInt()).isEqualTo(1);
        assertThat(events.get(6).json().path("content_block").path("type").asString()).isEqualTo("text");

        String cut = readUntilDropped(requestTo("/claude-cut/chunks=5/cutAfter=1/v1/messages", CLAUDE_STREAM,
                CLAUDE_HEADERS));
        assertThat(cut).contains("event: message_start", "tok0 ")
                .doesNotContain("tok1", "message_delta", "message_stop");
    }

    @Test
    void claudeCountsTokens() throws Exception {
        HttpResponse<String> response = postTo("/claude-count/prompt=77/v1/messages/count_tokens", """
                {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}""", CLAUDE_HEADERS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("input_tokens").asInt()).isEqualTo(77);
    }

    @Test
    void geminiGenerateContentReportsCachedAndThoughtTokensBesideTheCandidates() throws Exception {
        HttpResponse<String> response = postTo(
                "/gemini/prompt=40/cached=16/reasoning=6/completion=9" + GEMINI_FLASH + ":generateContent", GEMINI,
                "x-goog-api-key", "g-upstream");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("modelVersion").asString()).isEqualTo("gemini-2.5-flash");
        JsonNode candidate = body.path("candidates").path(0);
        assertThat(candidate.path("finishReason").asString()).isEqualTo("STOP");
        assertThat(candidate.path("content").path("role").asString()).isEqualTo("model");
        JsonNode parts = candidate.path("content").path("parts");
        assertThat(parts.path(0).path("thought").asBoolean()).isTrue();
        assertThat(parts.path(parts.size() - 1).path("text").asString()).isEqualTo(UpstreamSimulator.CONTENT);
        JsonNode usage = body.path("usageMetadata");
        assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(40);
        assertThat(usage.path("cachedContentTokenCount").asInt()).isEqualTo(16);
        assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(9);
        assertThat(usage.path("thoughtsTokenCount").asInt()).isEqualTo(6);
        assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(40 + 9 + 6);

        JsonNode plain = JSON.readTree(postTo("/gemini/prompt=40/v1/models/gemini-2.5-pro:generateContent?key=g",
                GEMINI).body());
        assertThat(plain.path("modelVersion").asString()).isEqualTo("gemini-2.5-pro");
        JsonNode plainUsage = plain.path("usageMetadata");
        assertThat(plainUsage.has("cachedContentTokenCount")).isFalse();
        assertThat(plainUsage.has("thoughtsTokenCount")).isFalse();
        assertThat(plainUsage.path("candidatesTokenCount").asInt()).isEqualTo(5);
        assertThat(plainUsage.path("totalTokenCount").asInt()).isEqualTo(45);
    }

    @Test
    void geminiSseStreamSendsOnlyDataEventsEachEndingInABlankLine() throws Exception {
        HttpResponse<String> response = postTo(
                "/gemini-stream/chunks=3/prompt=8" + GEMINI_FLASH + ":streamGenerateContent?alt=sse", GEMINI,
                "x-goog-api-key", "g-upstream");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(response.body()).endsWith("}\n\n").doesNotContain("event:");
        List<String> events = events(response.body());
        assertThat(events).hasSize(3).allMatch(event -> event.startsWith("data: "));
        for (int i = 0; i < 3; i++) {
            JsonNode candidate = json(events.get(i)).path("candidates").path(0);
            assertThat(candidate.path("content").path("parts").path(0).path("text").asString())
                    .isEqualTo("tok" + i + " ");
            assertThat(candidate.has("finishReason")).isEqualTo(i == 2);
        }
        JsonNode firstUsage = json(events.getFirst()).path("usageMetadata");
        assertThat(firstUsage.path("promptTokenCount").asInt()).isEqualTo(8);
        assertThat(firstUsage.has("candidatesTokenCount")).isFalse();
        JsonNode lastUsage = json(events.getLast()).path("usageMetadata");
        assertThat(lastUsage.path("candidatesTokenCount").asInt()).isEqualTo(3);
        assertThat(lastUsage.path("totalTokenCount").asInt()).isEqualTo(11);
        assertThat(json(events.getLast()).path("candidates").path(0).path("finishReason").asString())
                .isEqualTo("STOP");

        JsonNode array = JSON.readTree(postTo("/gemini-stream/chunks=2" + GEMINI_FLASH + ":streamGenerateContent?key=g",
                GEMINI).body());
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isEqualTo(2);
        assertThat(array.path(1).path("candidates").path(0).path("finishReason").asString()).isEqualTo("STOP");
    }

    @Test
    void geminiWantsAKeyAndAnswersErrorsInItsShape() throws Exception {
        String generate = GEMINI_FLASH + ":generateContent";

        HttpResponse<String> noKey = postTo("/gemini-auth" + generate, GEMINI);
        assertThat(noKey.statusCode()).isEqualTo(403);
        JsonNode keyError = JSON.readTree(noKey.body()).path("error");
        assertThat(keyError.path("code").asInt()).isEqualTo(403);
        assertThat(keyError.path("status").asString()).isEqualTo("PERMISSION_DENIED");
        assertThat(keyError.path("message").asString()).isNotBlank();

        HttpResponse<String> emptyKey = postTo("/gemini-auth" + generate + "?key=", GEMINI);
        assertThat(emptyKey.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(emptyKey.body()).path("error").path("status").asString())
                .isEqualTo("INVALID_ARGUMENT");

        HttpResponse<String> unavailable = postTo("/gemini-auth/status=503" + generate, GEMINI,
                "x-goog-api-key", "g-upstream");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        JsonNode error = JSON.readTree(unavailable.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(503);
        assertThat(error.path("status").asString()).isEqualTo("UNAVAILABLE");

        HttpResponse<String> unknown = postTo("/gemini-auth" + GEMINI_FLASH + ":predict", GEMINI,
                "x-goog-api-key", "g-upstream");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").path("status").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void geminiCountsTokensAndEmbedsOneVectorPerRequest() throws Exception {
        String models = "/gemini-embed/prompt=12/v1beta/models/";

        HttpResponse<String> counted = postTo(models + "gemini-2.5-flash:countTokens", GEMINI, "x-goog-api-key", "g");
        assertThat(JSON.readTree(counted.body()).path("totalTokens").asInt()).isEqualTo(12);

        JsonNode single = JSON.readTree(postTo(models + "text-embedding-004:embedContent", """
                {"content":{"parts":[{"text":"hello"}]}}""", "x-goog-api-key", "g").body());
        JsonNode values = single.path("embedding").path("values");
        assertThat(values.size()).isEqualTo(4);

        JsonNode batch = JSON.readTree(postTo(models + "text-embedding-004:batchEmbedContents", """
                {"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"hello"}]}},
                             {"model":"models/text-embedding-004","content":{"parts":[{"text":"world"}]}}]}""",
                "x-goog-api-key", "g").body());
        assertThat(batch.path("embeddings").size()).isEqualTo(2);
        assertThat(batch.path("embeddings").path(0).path("values")).isEqualTo(values);
        assertThat(batch.path("embeddings").path(1).path("values").size()).isEqualTo(4);
    }

    @Test
    void cohereV2RerankSortsByRelevanceAppliesTopNAndBillsSearchUnits() throws Exception {
        HttpResponse<String> response = postTo("/rerank/units=3/v2/rerank", """
                {"model":"rerank-v3.5","query":"capital of France","top_n":2,
                 "documents":["Berlin is in Germany","Paris is the capital of France","France has a capital"]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("id").asString()).startsWith("rerank-sim-");
        JsonNode results = body.path("results");
        assertThat(results.size()).isEqualTo(2);
        assertThat(results.path(0).path("index").asInt()).isEqualTo(1);
        assertThat(results.path(0).path("relevance_score").doubleValue()).isEqualTo(1.0);
        assertThat(results.path(1).path("index").asInt()).isEqualTo(2);
        assertThat(results.path(1).path("relevance_score").doubleValue()).isEqualTo(2.0 / 3);
        assertThat(results.path(0).has("document")).isFalse();
        assertThat(body.path("meta").path("api_version").path("version").asString()).isEqualTo("2");
        assertThat(body.path("meta").path("billed_units").path("search_units").asInt()).isEqualTo(3);

        HttpResponse<String> objects = postTo("/rerank/units=3/v2/rerank", """
                {"model":"rerank-v3.5","query":"q","documents":[{"text":"d0"}]}""");
        assertThat(objects.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(objects.body()).path("message").asString()).isNotBlank();
    }

    @Test
    void cohereV1RerankTakesTextObjectsAndReturnsDocumentsWhenAsked() throws Exception {
        HttpResponse<String> response = postTo("/rerank/v1/rerank", """
                {"model":"rerank-english-v2.0","query":"capital of France","return_documents":true,
                 "documents":[{"text":"Berlin is in Germany"},"Paris is the capital of France"]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        JsonNode results = body.path("results");
        assertThat(results.size()).isEqualTo(2);
        assertThat(results.path(0).path("index").asInt()).isEqualTo(1);
        assertThat(results.path(0).path("document").path("text").asString())
                .isEqualTo("Paris is the capital of France");
        assertThat(results.path(1).path("document").path("text").asString()).isEqualTo("Berlin is in Germany");
        assertThat(body.path("meta").path("api_version").path("version").asString()).isEqualTo("1");
        assertThat(body.path("meta").path("billed_units").path("search_units").asInt()).isEqualTo(1);

        HttpResponse<String> failing = postTo("/rerank/status=500/v2/rerank", """
                {"model":"rerank-v3.5","query":"q","documents":["d0"]}""");
        assertThat(failing.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(failing.body()).path("message").asString()).isEqualTo("simulated upstream error");
    }

    @Test
    void jinaFlavorAnswersRerankInJinaShape() throws Exception {
        HttpResponse<String> response = postTo("/jina/flavor=jina/prompt=15/v1/rerank", """
                {"model":"jina-reranker-v2-base-multilingual","query":"organic skincare",
                 "documents":["New makeup trends","Organic skincare for sensitive skin"],"top_n":1}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("model").asString()).isEqualTo("jina-reranker-v2-base-multilingual");
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(15);
        assertThat(body.has("meta")).isFalse();
        assertThat(body.path("results").size()).isEqualTo(1);
        JsonNode best = body.path("results").path(0);
        assertThat(best.path("index").asInt()).isEqualTo(1);
        assertThat(best.path("relevance_score").doubleValue()).isEqualTo(1.0);
        assertThat(best.path("document").path("text").asString()).isEqualTo("Organic skincare for sensitive skin");

        HttpResponse<String> limited = postTo("/jina/flavor=jina/status=429/v1/rerank", """
                {"model":"m","query":"q","documents":["d"]}""");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(JSON.readTree(limited.body()).path("detail").asString()).isEqualTo("simulated upstream error");
    }

    @Test
    void chatToolsFollowReasoningAndTextWithTheLastCallTakingNoArguments() throws Exception {
        JsonNode body = JSON.readTree(post("/tools-chat/tools=3/reasoning=5", PLAIN).body());

        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode message = choice.path("message");
        assertThat(message.path("reasoning_content").asString()).isEqualTo(Fake.REASONING);
        assertThat(message.path("content").asString()).isEqualTo(UpstreamSimulator.CONTENT);
        JsonNode calls = message.path("tool_calls");
        assertThat(calls.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            JsonNode call = calls.path(i);
            assertThat(call.path("id").asString()).isEqualTo("call_" + i);
            assertThat(call.path("type").asString()).isEqualTo("function");
            assertThat(call.path("function").path("name").asString()).isEqualTo("tool_" + i);
        }
        assertThat(calls.path(0).path("function").path("arguments").asString()).isEqualTo(arguments(0));
        assertThat(calls.path(1).path("function").path("arguments").asString()).isEqualTo(arguments(1));
        assertThat(calls.path(2).path("function").path("arguments").asString()).isEqualTo("{}");
        JsonNode usage = body.path("usage");
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void chatStreamSendsTheToolCallsInParallelWithTheirFragmentsAlternatingByIndex() throws Exception {
        List<String> events = events(post("/tools-chat-stream/tools=3/reasoning=5/chunks=2", STREAM_WITH_USAGE).body());

        // role, reasoning, 2 pieces, 3 call starts, 2 + 3 argument fragments, finish, usage, [DONE]
        assertThat(events).hasSize(15).last().isEqualTo("data: [DONE]");
        List<JsonNode> deltas = events.subList(0, 13).stream()
                .map(event -> json(event).path("choices").path(0).path("delta")).toList();
        assertThat(deltas.get(1).path("reasoning_content").asString()).isEqualTo(Fake.REASONING);
        assertThat(deltas.get(2).path("content").asString()).isEqualTo("tok0 ");
        assertThat(deltas.get(3).path("content").asString()).isEqualTo("tok1 ");
        for (int i = 0; i < 3; i++) {
            JsonNode calls = deltas.get(4 + i).path("tool_calls");
            assertThat(calls.size()).isEqualTo(1);
            JsonNode start = calls.path(0);
            assertThat(start.path("index").asInt()).isEqualTo(i);
            assertThat(start.path("id").asString()).isEqualTo("call_" + i);
            assertThat(start.path("type").asString()).isEqualTo("function");
            assertThat(start.path("function").path("name").asString()).isEqualTo("tool_" + i);
            assertThat(start.path("function").path("arguments").asString()).isEmpty();
        }
        List<Integer> order = new ArrayList<>();
        List<StringBuilder> assembled = List.of(new StringBuilder(), new StringBuilder(), new StringBuilder());
        for (JsonNode delta : deltas.subList(7, 12)) {
            assertThat(delta.path("tool_calls").size()).isEqualTo(1);
            JsonNode fragment = delta.path("tool_calls").path(0);
            assertThat(fragment.has("id")).isFalse();
            assertThat(fragment.path("function").has("name")).isFalse();
            int index = fragment.path("index").asInt();
            order.add(index);
            assembled.get(index).append(fragment.path("function").path("arguments").asString());
        }
        assertThat(order).containsExactly(0, 1, 0, 1, 1); // call 2 takes no arguments: no fragment at all
        assertThat(assembled.get(0).toString()).isEqualTo(arguments(0));
        assertThat(assembled.get(1).toString()).isEqualTo(arguments(1));
        assertThat(assembled.get(2).toString()).isEmpty();
        JsonNode finish = json(events.get(12)).path("choices").path(0);
        assertThat(finish.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(finish.path("delta").isEmpty()).isTrue();
        JsonNode usage = json(events.get(13)).path("usage");
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(2);
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void claudeToolsAreToolUseBlocksAfterThinkingAndText() throws Exception {
        JsonNode body = JSON.readTree(postTo("/tools-claude/tools=3/reasoning=5/v1/messages", CLAUDE,
                CLAUDE_HEADERS).body());

        assertThat(body.path("stop_reason").asString()).isEqualTo("tool_use");
        JsonNode content = body.path("content");
        assertThat(content.size()).isEqualTo(5);
        assertThat(content.path(0).path("type").asString()).isEqualTo("thinking");
        assertThat(content.path(0).path("thinking").asString()).isEqualTo(Fake.REASONING);
        assertThat(content.path(0).path("signature").asString()).isNotBlank();
        assertThat(content.path(1).path("type").asString()).isEqualTo("text");
        assertThat(content.path(1).path("text").asString()).isEqualTo(UpstreamSimulator.CONTENT);
        for (int i = 0; i < 3; i++) {
            JsonNode block = content.path(2 + i);
            assertThat(block.path("type").asString()).isEqualTo("tool_use");
            assertThat(block.path("id").asString()).isEqualTo("toolu_" + i);
            assertThat(block.path("name").asString()).isEqualTo("tool_" + i);
            assertThat(block.path("input").isObject()).isTrue();
        }
        assertThat(JSON.writeValueAsString(content.path(2).path("input"))).isEqualTo(arguments(0));
        assertThat(JSON.writeValueAsString(content.path(3).path("input"))).isEqualTo(arguments(1));
        assertThat(content.path(4).path("input").isEmpty()).isTrue();
        assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void claudeStreamSendsThinkingTextAndEachToolUseAsOneBlockAfterAnother() throws Exception {
        List<Sse> events = sse(postTo("/tools-claude-stream/chunks=1/tools=3/reasoning=5/v1/messages",
                CLAUDE_STREAM, CLAUDE_HEADERS).body());

        assertThat(events.getFirst().event()).isEqualTo("message_start");
        assertThat(events.getLast().event()).isEqualTo("message_stop");
        List<String> types = new ArrayList<>();
        List<StringBuilder> partials = new ArrayList<>();
        List<Integer> jsonDeltas = new ArrayList<>();
        int open = -1;
        for (Sse event : events) {
            JsonNode data = event.json();
            assertThat(data.path("type").asString()).isEqualTo(event.event());
            if ("content_block_start".equals(event.event())) {
                assertThat(open).as("a block starts only after the previous one stopped").isEqualTo(-1);
                open = data.path("index").asInt();
                assertThat(open).isEqualTo(types.size());
                JsonNode block = data.path("content_block");
                types.add(block.path("type").asString());
                partials.add(new StringBuilder());
                jsonDeltas.add(0);
                if (block.path("type").asString().equals("tool_use")) {
                    int tool = open - 2;
                    assertThat(block.path("id").asString()).isEqualTo("toolu_" + tool);
                    assertThat(block.path("name").asString()).isEqualTo("tool_" + tool);
                    assertThat(block.path("input").isObject()).isTrue();
                    assertThat(block.path("input").isEmpty()).isTrue();
                }
            } else if ("content_block_delta".equals(event.event())) {
                assertThat(data.path("index").asInt()).isEqualTo(open);
                JsonNode delta = data.path("delta");
                if (delta.path("type").asString().equals("input_json_delta")) {
                    String partial = delta.path("partial_json").asString();
                    if (jsonDeltas.get(open) == 0) {
                        assertThat(partial).as("the first input_json_delta").isEmpty();
                    }
                    partials.get(open).append(partial);
                    jsonDeltas.set(open, jsonDeltas.get(open) + 1);
                }
            } else if ("content_block_stop".equals(event.event())) {
                assertThat(data.path("index").asInt()).isEqualTo(open);
                open = -1;
            }
        }
        assertThat(open).isEqualTo(-1);
        assertThat(types).containsExactly("thinking", "text", "tool_use", "tool_use", "tool_use");
        assertThat(jsonDeltas).containsExactly(0, 0, 3, 4, 1); // "" then 2 or 3 pieces; only "" for no arguments
        assertThat(partials.get(2).toString()).isEqualTo(arguments(0));
        assertThat(partials.get(3).toString()).isEqualTo(arguments(1));
        assertThat(partials.get(4).toString()).isEmpty();
        assertThat(events).extracting(Sse::event).contains("ping");
        JsonNode thinking = events.get(4).json().path("delta");
        assertThat(thinking.path("type").asString()).isEqualTo("signature_delta");
        JsonNode messageDelta = events.get(events.size() - 2).json();
        assertThat(messageDelta.path("type").asString()).isEqualTo("message_delta");
        assertThat(messageDelta.path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(messageDelta.path("usage").path("output_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void geminiToolsAreFunctionCallPartsAfterTheThoughtAndTheText() throws Exception {
        JsonNode body = JSON.readTree(postTo("/tools-gemini/tools=3/reasoning=5" + GEMINI_FLASH
                + ":generateContent?key=g", GEMINI).body());

        JsonNode candidate = body.path("candidates").path(0);
        assertThat(candidate.path("finishReason").asString()).isEqualTo("STOP");
        JsonNode parts = candidate.path("content").path("parts");
        assertThat(parts.size()).isEqualTo(5);
        assertThat(parts.path(0).path("thought").asBoolean()).isTrue();
        assertThat(parts.path(0).path("text").asString()).isEqualTo(Fake.REASONING);
        assertThat(parts.path(1).has("thought")).isFalse();
        assertThat(parts.path(1).path("text").asString()).isEqualTo(UpstreamSimulator.CONTENT);
        assertFunctionCalls(parts, 2);
        JsonNode usage = body.path("usageMetadata");
        assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(5);
        assertThat(usage.path("thoughtsTokenCount").asInt()).isEqualTo(5);
    }

    @Test
    void geminiStreamSendsAllFunctionCallsInOneLastChunk() throws Exception {
        String stream = "/tools-gemini-stream/chunks=2/tools=3/reasoning=5" + GEMINI_FLASH + ":streamGenerateContent";
        List<String> events = events(postTo(stream + "?alt=sse&key=g", GEMINI).body());

        assertThat(events).hasSize(4); // thought, 2 pieces, the calls
        JsonNode thought = json(events.get(0)).path("candidates").path(0);
        assertThat(thought.path("content").path("parts").path(0).path("thought").asBoolean()).isTrue();
        for (int i = 0; i < 3; i++) {
            JsonNode candidate = json(events.get(i)).path("candidates").path(0);
            assertThat(candidate.has("finishReason")).isFalse();
            assertThat(candidate.path("content").path("parts").size()).isEqualTo(1);
        }
        assertThat(json(events.get(2)).path("candidates").path(0).path("content").path("parts").path(0)
                .path("text").asString()).isEqualTo("tok1 ");
        JsonNode last = json(events.get(3));
        JsonNode candidate = last.path("candidates").path(0);
        assertThat(candidate.path("finishReason").asString()).isEqualTo("STOP");
        JsonNode parts = candidate.path("content").path("parts");
        assertThat(parts.size()).isEqualTo(3);
        assertFunctionCalls(parts, 0);
        assertThat(last.path("usageMetadata").path("candidatesTokenCount").asInt()).isEqualTo(2);
        assertThat(last.path("usageMetadata").path("thoughtsTokenCount").asInt()).isEqualTo(5);

        JsonNode array = JSON.readTree(postTo(stream + "?key=g", GEMINI).body());
        assertThat(array.size()).isEqualTo(4);
        assertFunctionCalls(array.path(3).path("candidates").path(0).path("content").path("parts"), 0);
    }

    @Test
    void lastRequestKeepsMethodPathHeadersAndBodyPerPrefix() throws Exception {
        postTo("/seen/chunks=1/v1/chat/completions?trace=1", PLAIN,
                "Authorization", "Bearer sk-upstream", "X-Custom", "Value");

        SeenRequest seen = simulator.lastRequest("/seen/chunks=1");
        assertThat(seen).isNotNull();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.pathAndQuery()).isEqualTo("/seen/chunks=1/v1/chat/completions?trace=1");
        assertThat(seen.headers())
                .containsEntry("authorization", "Bearer sk-upstream")
                .containsEntry("x-custom", "Value")
                .containsEntry("content-type", "application/json");
        assertThat(seen.header("X-Custom")).isEqualTo("Value");
        assertThat(seen.body()).isEqualTo(PLAIN);
        assertThat(seen.json().path("model").asString()).isEqualTo("gpt-test");
        assertThat(simulator.lastRequest("/never-called")).isNull();

        postTo("/seen/chunks=1" + GEMINI_FLASH + ":generateContent?key=g-upstream", GEMINI);
        SeenRequest gemini = simulator.lastRequest("/seen/chunks=1");
        assertThat(gemini).isNotNull();
        assertThat(gemini.pathAndQuery())
                .isEqualTo("/seen/chunks=1" + GEMINI_FLASH + ":generateContent?key=g-upstream");
        assertThat(gemini.header("authorization")).isNull();
    }

    @Test
    void thePrefixEndsAtTheFirstProviderSegment() throws Exception {
        String prefix = "/prefix/cached=5";

        post(prefix, PLAIN);
        postTo(prefix + GEMINI_FLASH + ":countTokens?key=g", GEMINI);
        postTo(prefix + "/v2/rerank", """
                {"model":"rerank-v3.5","query":"q","documents":["d0"]}""");
        HttpResponse<String> azure = postTo(prefix + "/openai/v1/chat/completions", PLAIN, "api-key", "k");

        assertThat(simulator.requestCount(prefix)).isEqualTo(4);
        assertThat(JSON.readTree(azure.body()).path("usage").path("prompt_tokens_details").path("cached_tokens")
                .asInt()).isEqualTo(5);
    }

    @Test
    void behaviourReadsTheNewKeysAndRejectsAnUnknownFlavor() {
        Behaviour behaviour = Behaviour.parse("/x/cacheWrite=100/cacheWrite1h=50/units=2/flavor=deepseek");

        assertThat(behaviour.cacheWrite()).isEqualTo(100);
        assertThat(behaviour.cacheWrite1h()).isEqualTo(50);
        assertThat(behaviour.units()).isEqualTo(2);
        assertThat(behaviour.flavor()).isEqualTo(Behaviour.Flavor.DEEPSEEK);
        assertThat(Behaviour.parse("/x").units()).isEqualTo(1);
        assertThat(Behaviour.parse("/x").flavor()).isEqualTo(Behaviour.Flavor.STANDARD);
        assertThat(Behaviour.parse("/x").tools()).isZero();
        assertThat(Behaviour.parse("/x/tools=3").tools()).isEqualTo(3);
        assertThatThrownBy(() -> Behaviour.parse("/x/tools=-1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Behaviour.parse("/x/flavor=jina").flavor()).isEqualTo(Behaviour.Flavor.JINA);
        assertThatThrownBy(() -> Behaviour.parse("/x/flavor=mistral")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The JSON arguments of tool call {@code index} when it has some. */
    private static String arguments(int index) {
        return "{\"city\":\"City" + index + "\",\"unit\":\"c\"}";
    }

    /** Three {@code functionCall} parts from {@code from} on: no ids, the signature on the first, no arguments last. */
    private static void assertFunctionCalls(JsonNode parts, int from) {
        for (int i = 0; i < 3; i++) {
            JsonNode part = parts.path(from + i);
            JsonNode functionCall = part.path("functionCall");
            assertThat(functionCall.path("name").asString()).isEqualTo("tool_" + i);
            assertThat(functionCall.has("id")).isFalse();
            assertThat(functionCall.path("args").isObject()).isTrue();
            assertThat(part.has("thoughtSignature")).isEqualTo(i == 0);
        }
        assertThat(parts.path(from).path("thoughtSignature").asString()).isEqualTo("sig-sim-0");
        assertThat(JSON.writeValueAsString(parts.path(from).path("functionCall").path("args")))
                .isEqualTo(arguments(0));
        assertThat(JSON.writeValueAsString(parts.path(from + 1).path("functionCall").path("args")))
                .isEqualTo(arguments(1));
        assertThat(parts.path(from + 2).path("functionCall").path("args").isEmpty()).isTrue();
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

    /** POSTs {@code json} to the simulator's {@code pathAndQuery} with the given header name/value pairs. */
    private static HttpResponse<String> postTo(String pathAndQuery, String json, String... headers) throws Exception {
        return CLIENT.send(requestTo(pathAndQuery, json, headers), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest requestTo(String pathAndQuery, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    /** Everything received before the simulator dropped the connection. */
    private static String readUntilDropped(HttpRequest request) throws Exception {
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
        return received.toString(UTF_8);
    }

    /** SSE events with their {@code event:} name (null when there is none) and {@code data:}. */
    private static List<Sse> sse(String body) {
        List<Sse> parsed = new ArrayList<>();
        for (String block : events(body)) {
            @Nullable String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring("data: ".length()));
                }
            }
            parsed.add(new Sse(name, data.toString()));
        }
        return parsed;
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.path(i).doubleValue();
        }
        return values;
    }

    private record Sse(@Nullable String event, String data) {

        JsonNode json() {
            return JSON.readTree(data);
        }
    }
}

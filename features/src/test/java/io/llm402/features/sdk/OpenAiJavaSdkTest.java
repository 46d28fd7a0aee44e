package io.llm402.features.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCompletedEvent;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextDeltaEvent;
import com.openai.models.responses.ResponseUsage;
import io.llm402.features.support.BillingWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official OpenAI Java SDK, unchanged, pointed at LLM402: it completes and streams through the gateway to the
 * simulated upstream, and each request's receipt shows the exact charge for the usage the simulator reported
 * (1000 prompt tokens, 400 cached, 200 completion on gpt-4o-mini: 240,000 nano-USD). The same holds for the
 * Responses API, whole and streamed, and for embeddings: floats from an OpenAI upstream (1000 prompt tokens on
 * text-embedding-3-small: 20,000 nano-USD) and base64, which the gateway encodes for a Jina upstream that returns
 * floats and the SDK decodes (815 tokens on jina-embeddings-v3: 40,750 nano-USD).
 */
class OpenAiJavaSdkTest {

    private static final String KEY = "sk-alice-ci-0001";
    /** Dave's key may use every model, the embedding models included. */
    private static final String FORMATS_KEY = "sk-dave-formats-0006";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static BillingWorld world;
    private static OpenAIClient client;
    private static OpenAIClient formatsClient;

    @BeforeAll
    static void startTheGateway() throws Exception {
        world = BillingWorld.get();
        client = OpenAIOkHttpClient.builder()
                .apiKey(KEY)
                .baseUrl("http://127.0.0.1:" + world.gateway().port() + "/v1")
                .maxRetries(0)
                .build();
        formatsClient = OpenAIOkHttpClient.builder()
                .apiKey(FORMATS_KEY)
                .baseUrl("http://127.0.0.1:" + world.gateway().port() + "/v1")
                .maxRetries(0)
                .build();
    }

    private static ChatCompletionCreateParams params() {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Say hello.").build();
    }

    private static ResponseCreateParams responseParams() {
        return ResponseCreateParams.builder().model("gpt-4o-mini").input("Say hello.").build();
    }

    @Test
    void aCompletionThroughTheSdkIsChargedExactly() throws Exception {
        HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse().create(params());
        ChatCompletion completion = response.parse();

        assertThat(completion.choices().getFirst().message().content()).hasValue("Hello from the simulator.");
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(1000);
        assertCharged(response.headers().values("X-LLM402-Request-Id").getFirst(), 240_000L);
    }

    @Test
    void aStreamThroughTheSdkIsChargedExactly() throws Exception {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> response =
                client.chat().completions().withRawResponse().createStreaming(params());
        String text;
        try (StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            text = stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .flatMap(choice -> choice.delta().content().stream())
                    .collect(Collectors.joining());
        }
        assertThat(text).startsWith("tok0 ");
        assertCharged(response.headers().values("X-LLM402-Request-Id").getFirst(), 240_000L);
    }

    @Test
    void aResponseThroughTheSdkIsChargedExactly() throws Exception {
        HttpResponseFor<Response> response = formatsClient.responses().withRawResponse().create(responseParams());
        Response answer = response.parse();

        String text = answer.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(ResponseOutputText::text)
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("Hello from the simulator.");
        assertCharged(FORMATS_KEY, requestId(response), "simulated-openai", 240_000L);
    }

    @Test
    void aStreamedResponseEndsWithTheUpstreamsUsageAndIsChargedExactly() throws Exception {
        HttpResponseFor<StreamResponse<ResponseStreamEvent>> response =
                formatsClient.responses().withRawResponse().createStreaming(responseParams());
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = response.parse()) {
            stream.stream().forEach(events::add);
        }
        String text = events.stream()
                .flatMap(event -> event.outputTextDelta().stream())
                .map(ResponseTextDeltaEvent::delta)
                .collect(Collectors.joining());
        ResponseCompletedEvent completed = events.getLast().completed().orElseThrow();
        ResponseUsage usage = completed.response().usage().orElseThrow();

        assertThat(text).isEqualTo("tok0 tok1 tok2 tok3 tok4 ");
        assertThat(usage.inputTokens()).isEqualTo(1000L);
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(400L);
        assertThat(usage.outputTokens()).isEqualTo(200L);
        assertCharged(FORMATS_KEY, requestId(response), "simulated-openai", 240_000L);
    }

    @Test
    void floatEmbeddingsThroughTheSdkAreChargedExactly() throws Exception {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder()
                .model("text-embedding-3-small")
                .input("hello")
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                .build();
        HttpResponseFor<CreateEmbeddingResponse> response =
                formatsClient.embeddings().withRawResponse().create(params);

        assertThat(response.parse().data().getFirst().embedding()).hasSize(4);
        assertCharged(FORMATS_KEY, requestId(response), "simulated-openai", 20_000L);
    }

    @Test
    void base64EmbeddingsEncodedByTheGatewayAreDecodedByTheSdkAndChargedExactly() throws Exception {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder()
                .model("jina-embeddings-v3")
                .input("hello")
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                .build();
        HttpResponseFor<CreateEmbeddingResponse> response =
                formatsClient.embeddings().withRawResponse().create(params);

        // The simulator's components are multiples of 0.25 in [-1, 1]: they stay so only if the float32 bytes were
        // encoded and decoded intact.
        assertThat(response.parse().data().getFirst().embedding()).hasSize(4).allSatisfy(value -> {
            assertThat(value).isBetween(-1f, 1f);
            assertThat(value * 4).isEqualTo((float) Math.rint(value * 4));
        });
        assertCharged(FORMATS_KEY, requestId(response), "jina", 40_750L);
    }

    private static String requestId(HttpResponseFor<?> response) {
        return response.headers().values("X-LLM402-Request-Id").getFirst();
    }

    private static void assertCharged(String key, String requestId, String channel, long nanoUsd) throws Exception {
        var receipt = world.gateway().get("/api/usage/requests/" + requestId, key);
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(receipt.body());
        assertThat(json.path("phase").asString()).isEqualTo("posted");
        assertThat(json.path("basis").asString()).isEqualTo("upstream");
        assertThat(json.path("channel").asString()).isEqualTo(channel);
        assertThat(json.path("amount_nano_usd").asLong()).isEqualTo(nanoUsd);
    }

    private static void assertCharged(String requestId, long nanoUsd) throws Exception {
        var receipt = world.gateway().get("/api/usage/requests/" + requestId, KEY);
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(receipt.body());
        assertThat(json.path("phase").asString()).isEqualTo("posted");
        assertThat(json.path("basis").asString()).isEqualTo("upstream");
        assertThat(json.path("amount_nano_usd").asLong()).isEqualTo(nanoUsd);
    }
}

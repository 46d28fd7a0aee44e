package io.llm402.features.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.ContentEmbedding;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpResponse;
import com.google.genai.types.HttpRetryOptions;
import io.llm402.features.support.BillingWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Google GenAI Java SDK, unchanged, pointed at LLM402 as a Gemini API endpoint ({@code v1beta}, key in
 * {@code x-goog-api-key}): it generates content (whole and streamed), counts tokens and embeds through the gateway to
 * the simulated Gemini upstream. The SDK hands back the response headers, so each generation's receipt is read by its
 * request id: 176 uncached prompt tokens, 1024 cached (ratio 0.25) and 30 + 90 thinking output tokens on
 * gemini-2.5-flash = 52,800 + 76,800 + 300,000 = 429,600 nano-USD. The embedding upstream reports no usage, so that
 * call is charged from the gateway's own estimate.
 */
class GoogleGenAiSdkTest {

    private static final String KEY = "sk-dave-formats-0006";
    private static final String MODEL = "gemini-2.5-flash";
    private static final long CHARGE = 429_600L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static BillingWorld world;
    private static Client client;

    @BeforeAll
    static void startTheGateway() throws Exception {
        world = BillingWorld.get();
        client = Client.builder()
                .apiKey(KEY)
                .httpOptions(HttpOptions.builder()
                        .baseUrl("http://127.0.0.1:" + world.gateway().port())
                        .apiVersion("v1beta")
                        .retryOptions(HttpRetryOptions.builder().attempts(1).build())
                        .build())
                .build();
    }

    @Test
    void generatedContentThroughTheSdkIsChargedExactly() throws Exception {
        GenerateContentResponse response = client.models.generateContent(MODEL, "Say hello.", null);

        assertThat(response.text()).isEqualTo("Hello from the simulator.");
        assertThat(response.usageMetadata().orElseThrow().cachedContentTokenCount()).hasValue(1024);
        assertCharged(requestId(response.sdkHttpResponse()), "upstream", CHARGE);
    }

    @Test
    void aStreamThroughTheSdkCarriesTheWholeTextAndIsChargedExactly() throws Exception {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream =
                     client.models.generateContentStream(MODEL, "Say hello.", null)) {
            for (GenerateContentResponse chunk : stream) {
                chunks.add(chunk);
            }
        }
        String text = chunks.stream()
                .map(GenerateContentResponse::text)
                .filter(Objects::nonNull)
                .collect(Collectors.joining());

        assertThat(text).isEqualTo("tok0 tok1 tok2 tok3 tok4 ");
        assertCharged(requestId(chunks.getFirst().sdkHttpResponse()), "upstream", CHARGE);
    }

    @Test
    void tokenCountingThroughTheSdkReturnsTheUpstreamsCount() {
        CountTokensResponse response = client.models.countTokens(MODEL, "hello", null);

        assertThat(response.totalTokens()).hasValue(1200);
    }

    @Test
    void anEmbeddingThroughTheSdkIsAVectorChargedFromTheEstimate() throws Exception {
        EmbedContentResponse response = client.models.embedContent("text-embedding-004", "hello", null);

        List<ContentEmbedding> embeddings = response.embeddings().orElseThrow();
        assertThat(embeddings).hasSize(1);
        assertThat(embeddings.getFirst().values().orElseThrow()).hasSize(4);
        JsonNode receipt = receipt(requestId(response.sdkHttpResponse()), "estimate");
        assertThat(receipt.path("amount_nano_usd").asLong()).isPositive();
    }

    /** The gateway's request id among the headers the SDK kept; header names are matched ignoring case. */
    private static String requestId(Optional<HttpResponse> http) {
        Map<String, String> headers = http.flatMap(HttpResponse::headers).orElseThrow();
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("X-LLM402-Request-Id"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no X-LLM402-Request-Id in " + headers.keySet()));
    }

    private static void assertCharged(String requestId, String basis, long nanoUsd) throws Exception {
        assertThat(receipt(requestId, basis).path("amount_nano_usd").asLong()).isEqualTo(nanoUsd);
    }

    private static JsonNode receipt(String requestId, String basis) throws Exception {
        var receipt = world.gateway().get("/api/usage/requests/" + requestId, KEY);
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(receipt.body());
        assertThat(json.path("phase").asString()).isEqualTo("posted");
        assertThat(json.path("basis").asString()).isEqualTo(basis);
        assertThat(json.path("channel").asString()).isEqualTo("gemini");
        return json;
    }
}

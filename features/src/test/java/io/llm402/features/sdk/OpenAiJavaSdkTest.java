package io.llm402.features.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.llm402.features.support.BillingWorld;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official OpenAI Java SDK, unchanged, pointed at LLM402: it completes and streams through the gateway to the
 * simulated upstream, and each request's receipt shows the exact charge for the usage the simulator reported
 * (1000 prompt tokens, 400 cached, 200 completion on gpt-4o-mini: 240,000 nano-USD).
 */
class OpenAiJavaSdkTest {

    private static final String KEY = "sk-alice-ci-0001";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static BillingWorld world;
    private static OpenAIClient client;

    @BeforeAll
    static void startTheGateway() throws Exception {
        world = BillingWorld.get();
        client = OpenAIOkHttpClient.builder()
                .apiKey(KEY)
                .baseUrl("http://127.0.0.1:" + world.gateway().port() + "/v1")
                .maxRetries(0)
                .build();
    }

    private static ChatCompletionCreateParams params() {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Say hello.").build();
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

    private static void assertCharged(String requestId, long nanoUsd) throws Exception {
        var receipt = world.gateway().get("/api/usage/requests/" + requestId, KEY);
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(receipt.body());
        assertThat(json.path("phase").asString()).isEqualTo("posted");
        assertThat(json.path("basis").asString()).isEqualTo("upstream");
        assertThat(json.path("amount_nano_usd").asLong()).isEqualTo(nanoUsd);
    }
}

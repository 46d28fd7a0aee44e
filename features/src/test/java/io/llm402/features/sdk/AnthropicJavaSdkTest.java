package io.llm402.features.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import io.llm402.features.support.BillingWorld;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Anthropic Java SDK, unchanged, pointed at LLM402: it sends messages (whole and streamed, the stream
 * rebuilt by the SDK's own {@link MessageAccumulator}) and counts tokens through the gateway to the simulated Claude
 * upstream, with its key as {@code x-api-key} or as a bearer token (as Claude Code sends it), and gets the SDK's own
 * 401 exception for a wrong key. Each message's receipt shows the exact charge for the usage the simulator reported
 * on claude-sonnet-4-5: 20 uncached input, 1000 cache reads (ratio 0.1), 100 five-minute and 200 one-hour cache
 * writes (ratios 1.25 and 2) and 50 output tokens = 60,000 + 300,000 + 375,000 + 1,200,000 + 750,000 = 2,685,000
 * nano-USD.
 */
class AnthropicJavaSdkTest {

    private static final String KEY = "sk-dave-formats-0006";
    private static final String MODEL = "claude-sonnet-4-5";
    private static final long CHARGE = 2_685_000L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static BillingWorld world;
    private static String baseUrl;
    private static AnthropicClient client;

    @BeforeAll
    static void startTheGateway() throws Exception {
        world = BillingWorld.get();
        baseUrl = "http://127.0.0.1:" + world.gateway().port();
        client = AnthropicOkHttpClient.builder()
                .apiKey(KEY)
                .baseUrl(baseUrl)
                .maxRetries(0)
                .build();
    }

    private static MessageCreateParams params() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(256).addUserMessage("Say hello.").build();
    }

    @Test
    void aMessageThroughTheSdkIsChargedExactly() throws Exception {
        HttpResponseFor<Message> response = client.messages().withRawResponse().create(params());
        Message message = response.parse();

        assertThat(text(message)).isEqualTo("Hello from the simulator.");
        assertThat(message.usage().cacheReadInputTokens()).hasValue(1000L);
        assertCharged(requestId(response), CHARGE);
    }

    @Test
    void aStreamAccumulatedByTheSdkIsTheWholeMessageAndIsChargedExactly() throws Exception {
        HttpResponseFor<StreamResponse<RawMessageStreamEvent>> response =
                client.messages().withRawResponse().createStreaming(params());
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = response.parse()) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(text(message)).isEqualTo("tok0 tok1 tok2 tok3 tok4 ");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertCharged(requestId(response), CHARGE);
    }

    @Test
    void tokenCountingThroughTheSdkReturnsTheUpstreamsCount() {
        MessageCountTokensParams params = MessageCountTokensParams.builder()
                .model(MODEL)
                .addUserMessage("hello")
                .build();

        assertThat(client.messages().countTokens(params).inputTokens()).isEqualTo(1320L);
    }

    @Test
    void theKeyAsABearerTokenAsClaudeCodeSendsItWorksTheSame() throws Exception {
        AnthropicClient bearer = AnthropicOkHttpClient.builder()
                .authToken(KEY)
                .baseUrl(baseUrl)
                .maxRetries(0)
                .build();
        try {
            HttpResponseFor<Message> response = bearer.messages().withRawResponse().create(params());

            assertThat(text(response.parse())).isEqualTo("Hello from the simulator.");
            assertCharged(requestId(response), CHARGE);
        } finally {
            bearer.close();
        }
    }

    @Test
    void aWrongKeyGetsTheSdksUnauthorizedException() {
        AnthropicClient stranger = AnthropicOkHttpClient.builder()
                .apiKey("sk-nobody-0000")
                .baseUrl(baseUrl)
                .maxRetries(0)
                .build();
        try {
            assertThatThrownBy(() -> stranger.messages().create(params()))
                    .isInstanceOfSatisfying(UnauthorizedException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(401));
        } finally {
            stranger.close();
        }
    }

    private static String text(Message message) {
        return message.content().stream()
                .flatMap(block -> block.text().stream())
                .map(TextBlock::text)
                .collect(Collectors.joining());
    }

    private static String requestId(HttpResponseFor<?> response) {
        return response.headers().values("X-LLM402-Request-Id").getFirst();
    }

    private static void assertCharged(String requestId, long nanoUsd) throws Exception {
        var receipt = world.gateway().get("/api/usage/requests/" + requestId, KEY);
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(receipt.body());
        assertThat(json.path("phase").asString()).isEqualTo("posted");
        assertThat(json.path("basis").asString()).isEqualTo("upstream");
        assertThat(json.path("channel").asString()).isEqualTo("anthropic");
        assertThat(json.path("amount_nano_usd").asLong()).isEqualTo(nanoUsd);
    }
}

package io.llm402.features.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.completions.CompletionUsage;
import io.llm402.features.support.BillingWorld;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official SDKs, unchanged, served by an upstream of another format: the gateway converts the request and the
 * answer (whole and streamed), and each SDK's own stream helper rebuilds from the converted stream the same message
 * the whole answer has: the simulator's reasoning, its text and its three tool calls {@code tool_0} to
 * {@code tool_2}, the first two with arguments {@code {"city":"City<i>","unit":"c"}} and the last with {@code {}}.
 * The Anthropic SDK's {@link MessageAccumulator} gets thinking, text and three tool_use blocks, stop reason tool_use,
 * from the OpenAI-compatible kimi-k2; the OpenAI SDK's {@link ChatCompletionAccumulator} gets text and three tool
 * calls, finish reason tool_calls, from the Claude claude-haiku-4-5 and from the Gemini gemini-2.5-pro. Every receipt
 * shows the exact charge for the usage the upstream itself reported:
 * <ul>
 *   <li>kimi-k2 on compatible-tools: 100 input and 50 output tokens at 1.00 and 2.00 = 100,000 + 100,000 =
 *       200,000 nano-USD;</li>
 *   <li>claude-haiku-4-5 on anthropic-tools: 20 uncached input, 1000 cache reads (ratio 0.1), 100 five-minute and
 *       200 one-hour cache writes (ratios 1.25 and 2) and 50 output tokens at 3.00 and 15.00 = 60,000 + 300,000 +
 *       375,000 + 1,200,000 + 750,000 = 2,685,000 nano-USD; the OpenAI client sees these as 1320 prompt tokens of
 *       which 1000 cached, so the cache is counted once;</li>
 *   <li>gemini-2.5-pro on gemini-tools: 176 uncached prompt tokens, 1024 cached (ratio 0.25) and 30 + 90 thinking
 *       output tokens at 0.30 and 2.50 = 52,800 + 76,800 + 300,000 = 429,600 nano-USD.</li>
 * </ul>
 */
class CrossFormatSdkTest {

    private static final String KEY = "sk-dave-formats-0006";
    private static final String COMPATIBLE_MODEL = "kimi-k2";
    private static final String CLAUDE_MODEL = "claude-haiku-4-5";
    private static final String GEMINI_MODEL = "gemini-2.5-pro";
    private static final long COMPATIBLE_CHARGE = 200_000L;
    private static final long CLAUDE_CHARGE = 2_685_000L;
    private static final long GEMINI_CHARGE = 429_600L;
    /** The simulator's reasoning, and its text whole and as streamed in five pieces. */
    private static final String REASONING = "Thinking it over.";
    private static final String ANSWER = "Hello from the simulator.";
    private static final String STREAMED = "tok0 tok1 tok2 tok3 tok4 ";
    /** The simulator's tool calls, in order, and their arguments: the last call has none. */
    private static final List<String> TOOLS = List.of("tool_0", "tool_1", "tool_2");
    private static final List<String> ARGUMENTS = List.of(
            "{\"city\":\"City0\",\"unit\":\"c\"}", "{\"city\":\"City1\",\"unit\":\"c\"}", "{}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static BillingWorld world;
    private static AnthropicClient claude;
    private static OpenAIClient openAi;

    @BeforeAll
    static void startTheGateway() throws Exception {
        world = BillingWorld.get();
        String baseUrl = "http://127.0.0.1:" + world.gateway().port();
        claude = AnthropicOkHttpClient.builder()
                .apiKey(KEY)
                .baseUrl(baseUrl)
                .maxRetries(0)
                .build();
        openAi = OpenAIOkHttpClient.builder()
                .apiKey(KEY)
                .baseUrl(baseUrl + "/v1")
                .maxRetries(0)
                .build();
    }

    /** A Claude request for the OpenAI-compatible model, declaring the tools the simulator calls. */
    private static MessageCreateParams claudeParams() {
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(COMPATIBLE_MODEL)
                .maxTokens(1024)
                .addUserMessage("Weather in three cities?");
        for (String tool : TOOLS) {
            params.addTool(Tool.builder().name(tool).inputSchema(Tool.InputSchema.builder().build()).build());
        }
        return params.build();
    }

    /** An OpenAI Chat request for {@code model}, declaring the tools the simulator calls. */
    private static ChatCompletionCreateParams openAiParams(String model) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Weather in three cities?");
        for (String tool : TOOLS) {
            params.addFunctionTool(FunctionDefinition.builder()
                    .name(tool)
                    .parameters(FunctionParameters.builder()
                            .putAdditionalProperty("type", JsonValue.from("object"))
                            .build())
                    .build());
        }
        return params.build();
    }

    @Test
    void aClaudeStreamFromAnOpenAiCompatibleModelIsAssembledByTheSdkIntoThinkingTextAndThreeToolUses()
            throws Exception {
        var response = claude.messages().withRawResponse().createStreaming(claudeParams());
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (var stream = response.parse()) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertThinkingTextAndToolUses(accumulator.message(), STREAMED);
        assertCharged(requestId(response), "compatible-tools", COMPATIBLE_CHARGE);
    }

    @Test
    void aWholeClaudeMessageFromAnOpenAiCompatibleModelHasThinkingTextAndThreeToolUses() throws Exception {
        var response = claude.messages().withRawResponse().create(claudeParams());

        assertThinkingTextAndToolUses(response.parse(), ANSWER);
        assertCharged(requestId(response), "compatible-tools", COMPATIBLE_CHARGE);
    }

    @Test
    void anOpenAiStreamFromAClaudeModelIsAssembledByTheSdkIntoTextAndThreeToolCalls() throws Exception {
        var response = openAi.chat().completions().withRawResponse().createStreaming(openAiParams(CLAUDE_MODEL));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (var stream = response.parse()) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertTextAndToolCalls(accumulator.chatCompletion(), STREAMED);
        assertCharged(requestId(response), "anthropic-tools", CLAUDE_CHARGE);
    }

    @Test
    void aWholeOpenAiAnswerFromAClaudeModelHasTextAndThreeToolCalls() throws Exception {
        var response = openAi.chat().completions().withRawResponse().create(openAiParams(CLAUDE_MODEL));

        assertTextAndToolCalls(response.parse(), ANSWER);
        assertCharged(requestId(response), "anthropic-tools", CLAUDE_CHARGE);
    }

    @Test
    void anOpenAiClientSeesClaudesCacheReadsAndWritesInsideItsPromptTokensCountedOnce() throws Exception {
        var response = openAi.chat().completions().withRawResponse().create(openAiParams(CLAUDE_MODEL));
        CompletionUsage usage = response.parse().usage().orElseThrow();

        // 20 uncached + 1000 cache reads + 300 cache writes: the cache reads are part of the prompt, not added again.
        assertThat(usage.promptTokens()).isEqualTo(1320L);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).hasValue(1000L);
        assertThat(usage.completionTokens()).isEqualTo(50L);
        assertCharged(requestId(response), "anthropic-tools", CLAUDE_CHARGE);
    }

    @Test
    void anOpenAiStreamFromAGeminiModelIsAssembledByTheSdkIntoTextAndThreeToolCalls() throws Exception {
        var response = openAi.chat().completions().withRawResponse().createStreaming(openAiParams(GEMINI_MODEL));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (var stream = response.parse()) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertTextAndToolCalls(accumulator.chatCompletion(), STREAMED);
        assertCharged(requestId(response), "gemini-tools", GEMINI_CHARGE);
    }

    @Test
    void aWholeOpenAiAnswerFromAGeminiModelHasTextAndThreeToolCalls() throws Exception {
        var response = openAi.chat().completions().withRawResponse().create(openAiParams(GEMINI_MODEL));

        assertTextAndToolCalls(response.parse(), ANSWER);
        assertCharged(requestId(response), "gemini-tools", GEMINI_CHARGE);
    }

    /** Blocks in order: thinking, text, then one tool_use per simulated call; stop reason tool_use. */
    private static void assertThinkingTextAndToolUses(Message message, String text) {
        List<ContentBlock> content = message.content();
        assertThat(content).hasSize(2 + TOOLS.size());
        assertThat(content.get(0).thinking())
                .hasValueSatisfying(thinking -> assertThat(thinking.thinking()).isEqualTo(REASONING));
        assertThat(content.get(1).text())
                .hasValueSatisfying(block -> assertThat(block.text()).isEqualTo(text));
        for (int i = 0; i < TOOLS.size(); i++) {
            ToolUseBlock use = content.get(2 + i).toolUse().orElseThrow();
            assertThat(use.id()).isNotBlank();
            assertThat(use.name()).isEqualTo(TOOLS.get(i));
            assertThat(input(use)).as(use.name()).isEqualTo(JSON.readTree(ARGUMENTS.get(i)));
        }
        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    }

    /** The text, then one function call per simulated call, each with an id of its own; finish reason tool_calls. */
    private static void assertTextAndToolCalls(ChatCompletion completion, String text) {
        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(choice.message().content()).hasValue(text);
        List<ChatCompletionMessageFunctionToolCall> calls = choice.message().toolCalls().orElseThrow().stream()
                .map(ChatCompletionMessageToolCall::asFunction)
                .toList();
        assertThat(calls).hasSize(TOOLS.size());
        assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id).doesNotHaveDuplicates();
        for (int i = 0; i < TOOLS.size(); i++) {
            ChatCompletionMessageFunctionToolCall call = calls.get(i);
            assertThat(call.id()).isNotBlank();
            assertThat(call.function().name()).isEqualTo(TOOLS.get(i));
            assertThat(JSON.readTree(call.function().arguments())).as(call.function().name())
                    .isEqualTo(JSON.readTree(ARGUMENTS.get(i)));
        }
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    /** A tool_use block's input, read through its JsonValue, as a JSON tree. */
    private static JsonNode input(ToolUseBlock use) {
        return JSON.valueToTree(use._input().convert(Map.class));
    }

    private static String requestId(com.anthropic.core.http.HttpResponseFor<?> response) {
        return response.headers().values("X-LLM402-Request-Id").getFirst();
    }

    private static String requestId(com.openai.core.http.HttpResponseFor<?> response) {
        return response.headers().values("X-LLM402-Request-Id").getFirst();
    }

    private static void assertCharged(String requestId, String channel, long nanoUsd) throws Exception {
        var receipt = world.gateway().get("/api/usage/requests/" + requestId, KEY);
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(receipt.body());
        assertThat(json.path("phase").asString()).isEqualTo("posted");
        assertThat(json.path("basis").asString()).isEqualTo("upstream");
        assertThat(json.path("channel").asString()).isEqualTo(channel);
        assertThat(json.path("amount_nano_usd").asLong()).isEqualTo(nanoUsd);
    }
}

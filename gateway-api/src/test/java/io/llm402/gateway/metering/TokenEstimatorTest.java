package io.llm402.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TokenEstimatorTest {

    private final TokenEstimator estimator = TokenEstimator.instance();

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }

    @Test
    void countsShortText() {
        assertThat(estimator.countText("Hello world")).isBetween(1L, 4L);
        assertThat(estimator.countText("")).isZero();
    }

    @Test
    void specialTokenTextIsCountedAsOrdinaryText() {
        assertThat(estimator.countText("hello <|endoftext|> world")).isPositive();
    }

    @Test
    void conversationAddsPerMessageAndPrimingOverhead() {
        JsonNode body = json("""
                {"model": "gpt-4o-mini", "messages": [
                  {"role": "system", "content": "You are a helpful assistant."},
                  {"role": "user", "content": "What is the capital of France?"}]}
                """);
        long system = estimator.countText("You are a helpful assistant.");
        long user = estimator.countText("What is the capital of France?");
        // 3 per message × 2 + roles + contents + 3 for the reply priming
        long expected = 3 + 3 + estimator.countText("system") + system + 3 + estimator.countText("user") + user;

        assertThat(estimator.countChatPrompt(body)).isEqualTo(expected).isGreaterThan(system + user);
    }

    @Test
    void contentPartsCountTextAndFlatImageCost() {
        JsonNode body = json("""
                {"messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is in this image?"},
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}]}]}
                """);
        long expected = 3 + 3 + estimator.countText("user") + estimator.countText("What is in this image?") + 85;

        assertThat(estimator.countChatPrompt(body)).isEqualTo(expected);
    }

    @Test
    void namesAndToolCallsAreCounted() {
        JsonNode body = json("""
                {"messages": [
                  {"role": "assistant", "name": "bot", "content": null, "tool_calls": [
                    {"id": "c1", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]}]}
                """);
        long expected = 3 + 3 + estimator.countText("assistant") + 1 + estimator.countText("bot")
                + estimator.countText("get_weather") + estimator.countText("{\"city\":\"Paris\"}");

        assertThat(estimator.countChatPrompt(body)).isEqualTo(expected);
    }

    @Test
    void toolDefinitionsAddToThePrompt() {
        JsonNode plain = json("""
                {"messages": [{"role": "user", "content": "hi"}]}
                """);
        JsonNode withTools = json("""
                {"messages": [{"role": "user", "content": "hi"}],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {}}}]}
                """);

        assertThat(estimator.countChatPrompt(withTools)).isGreaterThan(estimator.countChatPrompt(plain));
    }

    @Test
    void oddInputNeverThrows() {
        assertThat(estimator.countChatPrompt(null)).isEqualTo(3);
        assertThat(estimator.countChatPrompt(json("{}"))).isEqualTo(3);
        assertThat(estimator.countChatPrompt(json("[]"))).isEqualTo(3);
        assertThat(estimator.countChatPrompt(json("{\"messages\": \"hello\"}"))).isEqualTo(3);
        assertThat(estimator.countChatPrompt(json("{\"messages\": {\"role\": \"user\"}}"))).isEqualTo(3);
        assertThat(estimator.countChatPrompt(json("{\"messages\": [42, null, \"x\"]}"))).isEqualTo(3);
        // a message with a numeric content and a non-array tool_calls: only the overhead and the role count
        assertThat(estimator.countChatPrompt(json("""
                {"messages": [{"role": "user", "content": 7, "tool_calls": {}}]}
                """))).isEqualTo(3 + 3 + estimator.countText("user"));
    }

    @Test
    void theTokenizerNeverSeesMoreThanBoundedPiecesWithinTheBudget() {
        // An 8 MB run of one letter once cost a minute of CPU and ended in OutOfMemoryError in one tokenizer call.
        List<Integer> pieces = new ArrayList<>();
        TokenEstimator observed = new TokenEstimator(piece -> {
            pieces.add(piece.length());
            return 1;
        });
        String run = "a".repeat(8 * 1024 * 1024);

        long tokens = observed.countChatPrompt(json("{\"messages\": [{\"role\": \"user\", \"content\": \"" + run
                + "\"}, {\"role\": \"user\", \"content\": \"" + run + "\"}]}"));

        assertThat(pieces).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(TokenEstimator.PIECE_CHARS));
        assertThat(pieces.stream().mapToLong(Integer::longValue).sum())
                .isLessThanOrEqualTo(TokenEstimator.EXACT_BUDGET_CHARS);
        // everything beyond the budget is counted at one token per byte, an upper bound
        assertThat(tokens).isGreaterThan(2L * run.length() - TokenEstimator.EXACT_BUDGET_CHARS);
    }

    @Test
    void proseWithinTheBudgetCountsAsTheWholeTextWould() {
        StringBuilder prose = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        String[] words = {"the", "gateway", "bills", "each", "request", "once,", "exactly.", "Über", "日本語", "\n"};
        while (prose.length() < 100_000) {
            prose.append(words[random.nextInt(words.length)]).append(' ');
        }
        long whole = com.knuddels.jtokkit.Encodings.newLazyEncodingRegistry()
                .getEncoding(com.knuddels.jtokkit.api.EncodingType.O200K_BASE).countTokensOrdinary(prose.toString());

        assertThat(estimator.countText(prose.toString())).isEqualTo(whole);
    }

    @Test
    void textBeyondTheBudgetIsNeverUndercounted() {
        String cjk = "日本語のテキスト".repeat(100_000); // 800k characters, 3 bytes each in UTF-8
        long whole = com.knuddels.jtokkit.Encodings.newLazyEncodingRegistry()
                .getEncoding(com.knuddels.jtokkit.api.EncodingType.O200K_BASE).countTokensOrdinary(cjk);

        assertThat(estimator.countText(cjk)).isGreaterThanOrEqualTo(whole);
    }

    @Test
    void utf8LengthCountsSurrogatePairsAsFourBytes() {
        String text = "a\u00e9\u65e5\ud83d\ude00";
        assertThat(TokenEstimator.utf8Bytes(text, 0, text.length()))
                .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}

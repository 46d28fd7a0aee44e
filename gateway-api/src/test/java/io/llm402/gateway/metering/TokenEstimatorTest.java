package io.llm402.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

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
}

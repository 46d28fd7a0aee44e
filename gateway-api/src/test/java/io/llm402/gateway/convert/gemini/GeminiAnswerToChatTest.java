package io.llm402.gateway.convert.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.convert.Fixed;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** api-formats §12.2–§12.4 and the Gemini row of TV-09: whole Gemini answers as chat completions. */
class GeminiAnswerToChatTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** Written and read again, so built number nodes compare equal to parsed ones. */
    private static JsonNode normal(JsonNode node) {
        return JSON.readTree(JSON.writeValueAsString(node));
    }

    private static JsonNode convert(JsonNode answer, String clientModel) {
        return GeminiAnswerToChat.convert(answer, clientModel, Fixed.CLOCK, Fixed.ids());
    }

    @Test
    void tv09GeminiUsage() {
        JsonNode answer = json("""
                {"candidates": [{"content": {"role": "model", "parts": [{"text": "ok"}]}, "finishReason": "STOP"}],
                 "usageMetadata": {"promptTokenCount": 1200, "cachedContentTokenCount": 1024, "candidatesTokenCount": 30,
                   "thoughtsTokenCount": 90, "toolUsePromptTokenCount": 0, "totalTokenCount": 1320}}""");

        assertThat(normal(convert(answer, "gemini-2.5-flash").path("usage"))).isEqualTo(json("""
                {"prompt_tokens": 1200, "completion_tokens": 120, "total_tokens": 1320,
                 "prompt_tokens_details": {"cached_tokens": 1024},
                 "completion_tokens_details": {"reasoning_tokens": 90}}"""));
    }

    @Test
    void aWholeAnswerWithThoughtsAndCalls() {
        JsonNode answer = json("""
                {"candidates": [{"content": {"role": "model", "parts": [
                   {"text": "Thinking...", "thought": true},
                   {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "CiQB"},
                   {"functionCall": {"name": "get_time"}}
                 ]}, "finishReason": "STOP", "index": 0}],
                 "responseId": "abc", "modelVersion": "gemini-2.5-flash"}""");

        JsonNode completion = convert(answer, "my-model");

        assertThat(completion.path("id").asString()).isEqualTo("abc");
        assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
        assertThat(completion.path("model").asString()).isEqualTo("my-model");
        JsonNode message = completion.at("/choices/0/message");
        assertThat(message.path("content").isNull()).isTrue();
        assertThat(message.path("reasoning_content").asString()).isEqualTo("Thinking...");
        JsonNode calls = message.path("tool_calls");
        assertThat(calls.size()).isEqualTo(2);
        assertThat(calls.at("/0/id").asString()).startsWith("call_").isNotEqualTo(calls.at("/1/id").asString());
        assertThat(calls.at("/0/function/arguments").asString()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(calls.at("/0/extra_content/google/thought_signature").asString()).isEqualTo("CiQB");
        assertThat(calls.at("/1/function/arguments").asString()).isEqualTo("{}");
        assertThat(calls.at("/1").has("extra_content")).isFalse();
        assertThat(completion.at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
    }

    @Test
    void finishReasonsMapPerSection12_4() {
        Map<String, String> table = Map.ofEntries(Map.entry("STOP", "stop"), Map.entry("MAX_TOKENS", "length"),
                Map.entry("SAFETY", "content_filter"), Map.entry("RECITATION", "content_filter"),
                Map.entry("BLOCKLIST", "content_filter"), Map.entry("PROHIBITED_CONTENT", "content_filter"),
                Map.entry("SPII", "content_filter"), Map.entry("IMAGE_SAFETY", "content_filter"),
                Map.entry("LANGUAGE", "content_filter"), Map.entry("MALFORMED_FUNCTION_CALL", "stop"),
                Map.entry("OTHER", "stop"), Map.entry("FINISH_REASON_UNSPECIFIED", "stop"));
        for (Map.Entry<String, String> row : table.entrySet()) {
            JsonNode answer = json("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"x\"}]}, \"finishReason\": \""
                    + row.getKey() + "\"}]}");
            assertThat(convert(answer, "m").at("/choices/0/finish_reason").asString())
                    .as(row.getKey()).isEqualTo(row.getValue());
        }
        JsonNode calls = json("""
                {"candidates": [{"content": {"parts": [{"functionCall": {"name": "f", "args": {}}}]},
                 "finishReason": "MAX_TOKENS"}]}""");
        assertThat(convert(calls, "m").at("/choices/0/finish_reason").asString()).isEqualTo("length");
    }

    @Test
    void aBlockedPromptIsAnEmptyFilteredAnswer() {
        JsonNode blocked = json("""
                {"promptFeedback": {"blockReason": "SAFETY"},
                 "usageMetadata": {"promptTokenCount": 7, "totalTokenCount": 7}}""");

        JsonNode completion = convert(blocked, "m");

        assertThat(completion.at("/choices/0/message/content").asString()).isEmpty();
        assertThat(completion.at("/choices/0/finish_reason").asString()).isEqualTo("content_filter");
        assertThat(completion.at("/usage/prompt_tokens").asLong()).isEqualTo(7);
    }
}

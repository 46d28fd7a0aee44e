package io.llm402.gateway.convert.claude;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.convert.Fixed;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** TV-03 and the Claude row of TV-09: whole Claude answers as chat completions. */
class ClaudeAnswerToChatTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    /** Built trees hold longs where parsed ones hold ints: compare what goes on the wire. */
    private static ObjectNode wire(JsonNode node) {
        return object(JSON.writeValueAsString(node));
    }

    /** The Claude message of api-formats §5.3. */
    private static final String SECTION_5_3 = """
            {
              "id": "msg_01",
              "type": "message",
              "role": "assistant",
              "model": "claude-sonnet-4-5",
              "content": [
                {"type": "thinking", "thinking": "Need the weather.", "signature": "EqQB..."},
                {"type": "text", "text": "Let me check."},
                {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Paris"}}
              ],
              "stop_reason": "tool_use",
              "stop_sequence": null,
              "stop_details": null,
              "usage": {
                "input_tokens": 20,
                "cache_creation_input_tokens": 100,
                "cache_read_input_tokens": 1000,
                "cache_creation": {"ephemeral_5m_input_tokens": 100, "ephemeral_1h_input_tokens": 0},
                "output_tokens": 50,
                "output_tokens_details": {"thinking_tokens": 12},
                "server_tool_use": null,
                "service_tier": "standard"
              }
            }""";

    @Test
    void tv03WholeAnswer() {
        ObjectNode completion = wire(ClaudeAnswerToChat.convert(JSON.readTree(SECTION_5_3), "claude-sonnet-4-5",
                Fixed.CLOCK, Fixed.ids()));
        assertThat(completion).isEqualTo(object("""
                {
                  "id": "msg_01",
                  "object": "chat.completion",
                  "created": 1764000000,
                  "model": "claude-sonnet-4-5",
                  "choices": [{
                    "index": 0,
                    "message": {
                      "role": "assistant",
                      "content": "Let me check.",
                      "reasoning_content": "Need the weather.",
                      "tool_calls": [{"id": "toolu_01", "type": "function",
                        "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]
                    },
                    "logprobs": null,
                    "finish_reason": "tool_calls"
                  }],
                  "usage": {
                    "prompt_tokens": 1120,
                    "completion_tokens": 50,
                    "total_tokens": 1170,
                    "prompt_tokens_details": {"cached_tokens": 1000, "cache_write_tokens": 100},
                    "completion_tokens_details": {"reasoning_tokens": 12}
                  }
                }"""));
    }

    @Test
    void tv09ClaudeUsageRowAndNoCacheFieldsInventedWhenThereIsNoCache() {
        JsonNode usage = wire(ClaudeAnswerToChat.convert(object("""
                {"id":"m","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":20,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,
                          "output_tokens":50}}"""), "c", Fixed.CLOCK, Fixed.ids())).path("usage");
        assertThat(usage).isEqualTo(JSON.readTree("""
                {"prompt_tokens":1120,"completion_tokens":50,"total_tokens":1170,
                 "prompt_tokens_details":{"cached_tokens":1000,"cache_write_tokens":100}}"""));
        ObjectNode completion = wire(ClaudeAnswerToChat.convert(object("""
                {"id":"m","content":[],"stop_reason":"max_tokens","usage":{"input_tokens":7,"output_tokens":3}}"""),
                "c", Fixed.CLOCK, Fixed.ids()));
        assertThat(completion.path("usage")).isEqualTo(JSON.readTree("""
                {"prompt_tokens":7,"completion_tokens":3,"total_tokens":10,"prompt_tokens_details":{"cached_tokens":0}}"""));
        assertThat(completion.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(completion.at("/choices/0/finish_reason").asString()).isEqualTo("length");
    }

    @Test
    void stopReasonsMapToFinishReasons() {
        assertThat(List.of("end_turn", "stop_sequence", "max_tokens", "model_context_window_exceeded", "tool_use",
                "pause_turn", "refusal", "").stream().map(ClaudeAnswerToChat::finishReason).toList())
                .containsExactly("stop", "stop", "length", "length", "tool_calls", "stop", "content_filter", "stop");
    }
}

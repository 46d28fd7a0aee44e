package io.llm402.gateway.convert.claude;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.convert.Fixed;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAI and DeepSeek rows of TV-09 and §14 edge cases: whole chat completions as Claude answers. */
class ChatAnswerToClaudeTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    /** Built trees hold longs where parsed ones hold ints: compare what goes on the wire. */
    private static ObjectNode wire(JsonNode node) {
        return object(JSON.writeValueAsString(node));
    }

    @Test
    void tv09OpenAiAndDeepSeekUsageRows() {
        JsonNode openAi = ChatAnswerToClaude.convert(object("""
                {"id":"c","choices":[{"message":{"content":"x"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1200,"completion_tokens":40,"total_tokens":1240,
                          "prompt_tokens_details":{"cached_tokens":1024}}}"""), "c", text -> 0, Fixed.ids());
        assertThat(wire(openAi).path("usage")).isEqualTo(JSON.readTree("""
                {"input_tokens":176,"cache_read_input_tokens":1024,"cache_creation_input_tokens":0,"output_tokens":40}"""));
        JsonNode deepSeek = ChatAnswerToClaude.convert(object("""
                {"id":"c","choices":[{"message":{"content":"x"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1000,"completion_tokens":200,"total_tokens":1200,
                          "prompt_cache_hit_tokens":768,"prompt_cache_miss_tokens":232,
                          "completion_tokens_details":{"reasoning_tokens":150}}}"""), "c", text -> 0, Fixed.ids());
        assertThat(wire(deepSeek).path("usage")).isEqualTo(JSON.readTree("""
                {"input_tokens":232,"cache_read_input_tokens":768,"cache_creation_input_tokens":0,"output_tokens":200}"""));
        JsonNode cacheWrite = ChatAnswerToClaude.convert(object("""
                {"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":100,"completion_tokens":1,
                 "prompt_tokens_details":{"cached_tokens":50,"cache_write_tokens":30}}}"""), "c", text -> 0, Fixed.ids());
        assertThat(wire(cacheWrite).path("usage")).isEqualTo(JSON.readTree("""
                {"input_tokens":20,"cache_read_input_tokens":50,"cache_creation_input_tokens":30,"output_tokens":1}"""));
    }

    @Test
    void stopReasons() {
        assertThat(List.of("stop", "length", "tool_calls", "function_call", "content_filter", "").stream()
                .map(ChatAnswerToClaude::stopReason).toList())
                .containsExactly("end_turn", "max_tokens", "tool_use", "tool_use", "refusal", "end_turn");
    }

    @Test
    void wholeAnswerWithReasoningBrokenArgumentsAndNoUsage() {
        ObjectNode claude = wire(ChatAnswerToClaude.convert(object("""
                {"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assistant","reasoning":"why",
                  "content":"ok","tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"f","arguments":"{\\"a\\":"}},
                    {"type":"function","function":{"name":"g","arguments":""}}]},
                  "finish_reason":"tool_calls"}]}"""), "claude-sonnet-4-5", String::length, Fixed.ids()));
        // The upstream's id behind msg_; the call without one gets an id of the gateway's.
        assertThat(claude).isEqualTo(object("""
                {"id":"msg_chatcmpl-1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"thinking","thinking":"why","signature":""},{"type":"text","text":"ok"},
                   {"type":"tool_use","id":"call_1","name":"f","input":{}},
                   {"type":"tool_use","id":"toolu_1","name":"g","input":{}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":0,"cache_read_input_tokens":0,"cache_creation_input_tokens":0,
                          "output_tokens":%d}}""".formatted("whyok{\"a\":".length())));
    }

    @Test
    void anEmptyAnswerStillHasATextBlock() {
        ObjectNode claude = wire(ChatAnswerToClaude.convert(object("""
                {"choices":[{"message":{"content":null},"finish_reason":"length"}],"usage":{"prompt_tokens":5}}"""),
                "c", String::length, Fixed.ids()));
        assertThat(claude.path("content")).isEqualTo(JSON.readTree("[{\"type\":\"text\",\"text\":\"\"}]"));
        assertThat(claude.path("stop_reason").asString()).isEqualTo("max_tokens");
    }
}

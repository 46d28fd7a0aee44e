package io.llm402.gateway.convert.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.gateway.convert.ConversionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** TV-06 and the request edge cases of §14: Claude Messages requests as Chat requests. */
class ClaudeRequestToChatTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    /** Built trees hold longs where parsed ones hold ints: compare what goes on the wire. */
    private static ObjectNode wire(JsonNode node) {
        return object(JSON.writeValueAsString(node));
    }

    @Test
    void tv06ClaudeCodeRequest() throws ConversionException {
        ObjectNode claude = object("""
                {
                  "model": "claude-sonnet-4-5",
                  "max_tokens": 32000,
                  "system": [{"type": "text", "text": "You are Claude Code.", "cache_control": {"type": "ephemeral"}}],
                  "messages": [
                    {"role": "user", "content": [{"type": "text", "text": "List files"}]},
                    {"role": "assistant", "content": [
                      {"type": "thinking", "thinking": "Use Bash.", "signature": "abc"},
                      {"type": "text", "text": "Running ls."},
                      {"type": "tool_use", "id": "toolu_1", "name": "Bash", "input": {"command": "ls"}}
                    ]},
                    {"role": "user", "content": [
                      {"type": "tool_result", "tool_use_id": "toolu_1", "content": [{"type": "text", "text": "a.txt\\nb.txt"}]},
                      {"type": "text", "text": "Now read a.txt"}
                    ]}
                  ],
                  "tools": [{"name": "Bash", "description": "Run shell", "input_schema": {"type": "object",
                    "properties": {"command": {"type": "string"}}, "required": ["command"]}}],
                  "tool_choice": {"type": "auto"},
                  "thinking": {"type": "enabled", "budget_tokens": 4000},
                  "metadata": {"user_id": "user_abc"},
                  "stream": true
                }""");
        // TV-06's expected body with this converter's share of it: max_tokens is clamped and reasoning_effort derived
        // by other layers, and the reasoning goes back as in the vector's DeepSeek variant.
        assertThat(wire(ClaudeRequestToChat.convert(claude, "m1"))).isEqualTo(object("""
                {
                  "model": "m1",
                  "max_tokens": 32000,
                  "stream": true,
                  "stream_options": {"include_usage": true},
                  "messages": [
                    {"role": "system", "content": "You are Claude Code."},
                    {"role": "user", "content": [{"type": "text", "text": "List files"}]},
                    {"role": "assistant", "content": "Running ls.", "reasoning_content": "Use Bash.",
                     "tool_calls": [{"id": "toolu_1", "type": "function",
                       "function": {"name": "Bash", "arguments": "{\\"command\\":\\"ls\\"}"}}]},
                    {"role": "tool", "tool_call_id": "toolu_1", "content": "a.txt\\nb.txt"},
                    {"role": "user", "content": [{"type": "text", "text": "Now read a.txt"}]}
                  ],
                  "tools": [{"type": "function", "function": {"name": "Bash", "description": "Run shell",
                    "parameters": {"type": "object", "properties": {"command": {"type": "string"}},
                    "required": ["command"]}}}],
                  "tool_choice": "auto",
                  "user": "user_abc"
                }"""));
    }

    @Test
    void toolResultsBecomeToolMessagesBeforeTheRestOfTheTurn() throws ConversionException {
        ObjectNode chat = wire(ClaudeRequestToChat.convert(object("""
                {"max_tokens":10,"messages":[
                 {"role":"user","content":"hi"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"shot","input":{}},
                   {"type":"tool_use","id":"t2","name":"run","input":{"x":[1,2]}}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"see"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO"}}]},
                   {"type":"tool_result","tool_use_id":"t2","is_error":true,"content":"boom"},
                   {"type":"text","text":"next"},
                   {"type":"image","source":{"type":"url","url":"https://example.com/b.png"}}]}]}"""), "m"));
        assertThat(chat.path("messages")).isEqualTo(JSON.readTree("""
                [{"role":"user","content":"hi"},
                 {"role":"assistant","content":null,"tool_calls":[
                   {"id":"t1","type":"function","function":{"name":"shot","arguments":"{}"}},
                   {"id":"t2","type":"function","function":{"name":"run","arguments":"{\\"x\\":[1,2]}"}}]},
                 {"role":"tool","tool_call_id":"t1","content":"see"},
                 {"role":"tool","tool_call_id":"t2","content":"Error: boom"},
                 {"role":"user","content":[
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBO"}},
                   {"type":"text","text":"next"},
                   {"type":"image_url","image_url":{"url":"https://example.com/b.png"}}]}]"""));
    }

    @Test
    void serverToolsAreDroppedAndToolChoicesMap() throws ConversionException {
        String tools = "\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"}},"
                + "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":5}]";
        ObjectNode any = wire(ClaudeRequestToChat.convert(object("{\"messages\":[]," + tools
                + ",\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true}}"), "m"));
        assertThat(any.path("tools")).isEqualTo(JSON.readTree(
                "[{\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"parameters\":{\"type\":\"object\"}}}]"));
        assertThat(any.path("tool_choice").asString()).isEqualTo("required");
        assertThat(any.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(wire(ClaudeRequestToChat.convert(object("{\"messages\":[]," + tools
                + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"Bash\"}}"), "m")).path("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"function\",\"function\":{\"name\":\"Bash\"}}"));
        assertThat(ClaudeRequestToChat.convert(object("{\"messages\":[]," + tools + ",\"tool_choice\":{\"type\":\"none\"}}"),
                "m").path("tool_choice").asString()).isEqualTo("none");
        ObjectNode serverOnly = ClaudeRequestToChat.convert(object("""
                {"messages":[],"tools":[{"type":"web_search_20250305","name":"web_search"}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true}}"""), "m");
        assertThat(serverOnly.has("tools") || serverOnly.has("tool_choice") || serverOnly.has("parallel_tool_calls"))
                .isFalse();
    }

    @Test
    void stopSequencesSamplingAndDroppedFields() throws ConversionException {
        ObjectNode chat = wire(ClaudeRequestToChat.convert(object("""
                {"model":"claude-x","max_tokens":100,"stop_sequences":["a","b","c","d","e","f"],"temperature":0.5,
                 "top_p":0.9,"top_k":40,"stream":false,"thinking":{"type":"adaptive"},
                 "output_config":{"effort":"high"},"system":"sys","messages":[{"role":"user","content":"hi"}]}"""),
                "m"));
        assertThat(chat).isEqualTo(object("""
                {"model":"m","max_tokens":100,"stop":["a","b","c","d"],"temperature":0.5,"top_p":0.9,"stream":false,
                 "messages":[{"role":"system","content":"sys"},{"role":"user","content":"hi"}]}"""));
    }

    @Test
    void blocksWithoutAnOpenAiFormAreRejected() {
        for (String block : List.of("{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}",
                "{\"type\":\"search_result\",\"source\":\"s\",\"title\":\"t\",\"content\":[]}")) {
            assertThatThrownBy(() -> ClaudeRequestToChat.convert(object(
                    "{\"messages\":[{\"role\":\"user\",\"content\":[" + block + "]}]}"), "m"))
                    .isInstanceOf(ConversionException.class);
        }
    }
}

package io.llm402.gateway.convert.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.gateway.convert.ConversionException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** TV-01, TV-02 and the request edge cases of §14: Chat requests as Claude requests. */
class ChatRequestToClaudeTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    /** Built trees hold longs where parsed ones hold ints: compare what goes on the wire. */
    private static ObjectNode wire(JsonNode node) {
        return object(JSON.writeValueAsString(node));
    }

    private static ObjectNode request(String messages) throws ConversionException {
        return ChatRequestToClaude.convert(object("{\"model\":\"c\",\"messages\":" + messages + "}"), "claude-sonnet-4-5");
    }

    @Test
    void tv01HoistsSystemAndDeveloperAndMapsImagesToolsStopsAndLimits() throws ConversionException {
        ObjectNode chat = object("""
                {
                  "model": "claude-sonnet-4-5",
                  "messages": [
                    {"role": "system", "content": "You are terse."},
                    {"role": "developer", "content": [{"type": "text", "text": "Answer in English."}]},
                    {"role": "user", "content": [
                      {"type": "text", "text": "What is in this picture, and what is the weather in Paris?"},
                      {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}
                    ]}
                  ],
                  "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Current weather",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
                  "tool_choice": "required",
                  "parallel_tool_calls": false,
                  "stop": ["\\n\\nEND", "   "],
                  "max_completion_tokens": 1024,
                  "temperature": 0.2,
                  "stream": true,
                  "stream_options": {"include_usage": true},
                  "user": "u-123"
                }""");
        assertThat(wire(ChatRequestToClaude.convert(chat, "claude-sonnet-4-5"))).isEqualTo(object("""
                {
                  "model": "claude-sonnet-4-5",
                  "max_tokens": 1024,
                  "system": [{"type": "text", "text": "You are terse."}, {"type": "text", "text": "Answer in English."}],
                  "messages": [
                    {"role": "user", "content": [
                      {"type": "text", "text": "What is in this picture, and what is the weather in Paris?"},
                      {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}
                    ]}
                  ],
                  "tools": [{"name": "get_weather", "description": "Current weather", "input_schema": {"type": "object",
                    "properties": {"city": {"type": "string"}}, "required": ["city"]}}],
                  "tool_choice": {"type": "any", "disable_parallel_tool_use": true},
                  "stop_sequences": ["\\n\\nEND"],
                  "temperature": 0.2,
                  "stream": true,
                  "metadata": {"user_id": "u-123"}
                }"""));
    }

    @Test
    void tv02ToolHistoryWithEmptyArgumentsAnOddIdAndMergedResults() throws ConversionException {
        ObjectNode claude = request("""
                [
                  {"role": "user", "content": "Weather in Paris, and the time?"},
                  {"role": "assistant", "content": "", "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "get_weather",
                      "arguments": "{\\"city\\":\\"Paris\\"}"}},
                    {"id": "functions.get_time:1", "type": "function", "function": {"name": "get_time", "arguments": ""}}
                  ]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "18C, sunny"},
                  {"role": "tool", "tool_call_id": "functions.get_time:1", "content": [{"type": "text", "text": "12:00"}]},
                  {"role": "user", "content": "Thanks. Summarize in one line."}
                ]""");
        assertThat(wire(claude).path("messages")).isEqualTo(JSON.readTree("""
                [
                  {"role": "user", "content": "Weather in Paris, and the time?"},
                  {"role": "assistant", "content": [
                    {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}},
                    {"type": "tool_use", "id": "functions_get_time_1", "name": "get_time", "input": {}}
                  ]},
                  {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "call_1", "content": "18C, sunny"},
                    {"type": "tool_result", "tool_use_id": "functions_get_time_1",
                      "content": [{"type": "text", "text": "12:00"}]},
                    {"type": "text", "text": "Thanks. Summarize in one line."}
                  ]}
                ]"""));
    }

    @Test
    void emptyWhitespaceNullAndObjectArgumentsBecomeInputObjects() throws ConversionException {
        ObjectNode claude = request("""
                [{"role":"user","content":"go"},
                 {"role":"assistant","content":null,"tool_calls":[
                   {"id":"a","type":"function","function":{"name":"f","arguments":"  \\n "}},
                   {"id":"b","type":"function","function":{"name":"f","arguments":null}},
                   {"id":"c","type":"function","function":{"name":"f"}},
                   {"id":"d","type":"function","function":{"name":"f","arguments":{"x":1}}}]}]""");
        List<JsonNode> inputs = new ArrayList<>();
        for (JsonNode block : wire(claude).at("/messages/1/content")) {
            inputs.add(block.path("input"));
        }
        assertThat(inputs).containsExactly(object("{}"), object("{}"), object("{}"), object("{\"x\":1}"));
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreRejected() {
        for (String arguments : List.of("{\\\"city\\\":", "[1]", "\\\"text\\\"")) {
            assertThatThrownBy(() -> request("""
                    [{"role":"user","content":"go"},
                     {"role":"assistant","tool_calls":[{"id":"a","type":"function",
                       "function":{"name":"lookup","arguments":"%s"}}]}]""".formatted(arguments)))
                    .isInstanceOf(ConversionException.class).hasMessageContaining("lookup");
        }
    }

    @Test
    void toolIdsAreSanitisedTheSameWayForCallsAndResults() throws ConversionException {
        assertThat(ChatMessagesToClaude.toolId("functions.Bash:0")).isEqualTo("functions_Bash_0");
        assertThat(ChatMessagesToClaude.toolId("call_Ab-9")).isEqualTo("call_Ab-9");
        assertThat(ChatMessagesToClaude.toolId("")).matches("^[a-zA-Z0-9_-]+$");
        ObjectNode claude = wire(request("""
                [{"role":"user","content":"go"},
                 {"role":"assistant","tool_calls":[{"id":"x.y/z","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"x.y/z","content":"ok"}]"""));
        assertThat(claude.at("/messages/1/content/0/id").asString()).isEqualTo("x_y_z");
        assertThat(claude.at("/messages/2/content/0/tool_use_id").asString()).isEqualTo("x_y_z");
    }

    @Test
    void toolResultsGoFirstInOneUserTurnEvenAfterUserText() throws ConversionException {
        ObjectNode claude = wire(request("""
                [{"role":"user","content":"go"},
                 {"role":"assistant","tool_calls":[
                   {"id":"a","type":"function","function":{"name":"f","arguments":"{}"}},
                   {"id":"b","type":"function","function":{"name":"g","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"a","content":"1"},
                 {"role":"user","content":"and?"},
                 {"role":"tool","tool_call_id":"b","content":"2"}]"""));
        assertThat(claude.path("messages")).hasSize(3);
        assertThat(claude.at("/messages/2/content")).isEqualTo(JSON.readTree("""
                [{"type":"tool_result","tool_use_id":"a","content":"1"},
                 {"type":"tool_result","tool_use_id":"b","content":"2"},
                 {"type":"text","text":"and?"}]"""));
    }

    @Test
    void emptyTextIsDroppedAndSameRoleTurnsMerge() throws ConversionException {
        ObjectNode claude = wire(request("""
                [{"role":"user","content":[{"type":"text","text":""},{"type":"text","text":"a"}]},
                 {"role":"assistant","content":""},
                 {"role":"user","content":"b"},
                 {"role":"assistant","content":[{"type":"text","text":"c"}]},
                 {"role":"assistant","content":"d"}]"""));
        assertThat(claude.path("messages")).isEqualTo(JSON.readTree("""
                [{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},
                 {"role":"assistant","content":[{"type":"text","text":"c"},{"type":"text","text":"d"}]}]"""));
    }

    @Test
    void aHistoryThatStartsWithTheAssistantGetsAPlaceholderUserTurn() throws ConversionException {
        ObjectNode claude = wire(request("""
                [{"role":"system","content":"s"},{"role":"assistant","content":"hello"},{"role":"user","content":"hi"}]"""));
        assertThat(claude.path("messages")).isEqualTo(JSON.readTree("""
                [{"role":"user","content":"..."},{"role":"assistant","content":"hello"},{"role":"user","content":"hi"}]"""));
    }

    @Test
    void moreThanOneChoiceIsRejectedNamingN() throws ConversionException {
        assertThatThrownBy(() -> ChatRequestToClaude.convert(object("""
                {"model":"c","n":2,"messages":[{"role":"user","content":"hi"}]}"""), "claude-sonnet-4-5"))
                .isInstanceOf(ConversionException.class).hasMessageContaining("'n'");
        assertThat(ChatRequestToClaude.convert(object("""
                {"model":"c","n":1,"messages":[{"role":"user","content":"hi"}]}"""), "claude-sonnet-4-5").has("n"))
                .isFalse();
    }

    @Test
    void stopSequencesDropEmptyAndWhitespaceOnlyEntries() throws ConversionException {
        assertThat(ChatRequestToClaude.convert(object("""
                {"model":"c","stop":"\\n","messages":[{"role":"user","content":"hi"}]}"""), "m").has("stop_sequences"))
                .isFalse();
        assertThat(wire(ChatRequestToClaude.convert(object("""
                {"model":"c","stop":"END","messages":[{"role":"user","content":"hi"}]}"""), "m"))
                .path("stop_sequences")).isEqualTo(JSON.readTree("[\"END\"]"));
        assertThat(wire(ChatRequestToClaude.convert(object("""
                {"model":"c","stop":["", " \\t ", "A", "\\n\\nB"],"messages":[{"role":"user","content":"hi"}]}"""),
                "m")).path("stop_sequences")).isEqualTo(JSON.readTree("[\"A\", \"\\n\\nB\"]"));
    }

    @Test
    void defaultsClampsAndDroppedFields() throws ConversionException {
        ObjectNode claude = wire(ChatRequestToClaude.convert(object("""
                {"model":"c","messages":[{"role":"user","content":"hi"}],"temperature":1.7,"top_p":0.5,
                 "reasoning_effort":"high","logprobs":true,"seed":7,"frequency_penalty":1,"metadata":{"a":"b"},
                 "stream":false,"stream_options":{"include_usage":true},"safety_identifier":"s-1",
                 "max_tokens":99}"""), "claude-haiku-4-5"));
        assertThat(claude).isEqualTo(object("""
                {"model":"claude-haiku-4-5","max_tokens":99,"messages":[{"role":"user","content":"hi"}],
                 "temperature":1.0,"top_p":0.5,"stream":false,"metadata":{"user_id":"s-1"}}"""));
        assertThat(ChatRequestToClaude.convert(object("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "m")
                .path("max_tokens").asLong()).isEqualTo(ChatRequestToClaude.DEFAULT_MAX_TOKENS);
    }

    @Test
    void toolChoices() throws ConversionException {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";
        ObjectNode named = wire(ChatRequestToClaude.convert(object("{\"messages\":[]," + tools
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}"), "m"));
        assertThat(named.path("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"tool\",\"name\":\"f\"}"));
        assertThat(named.path("tools")).isEqualTo(JSON.readTree(
                "[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]"));
        assertThat(wire(ChatRequestToClaude.convert(object("{\"messages\":[]," + tools + ",\"parallel_tool_calls\":false}"),
                "m")).path("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
        assertThat(wire(ChatRequestToClaude.convert(object("{\"messages\":[]," + tools
                + ",\"tool_choice\":\"none\",\"parallel_tool_calls\":false}"), "m")).path("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"none\"}"));
        assertThat(ChatRequestToClaude.convert(object("{\"messages\":[],\"tool_choice\":\"auto\"}"), "m").has("tool_choice"))
                .isFalse();
    }

    @Test
    void aClientThinkingObjectPassesAndDropsWhatThinkingForbids() throws ConversionException {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.3,\"top_p\":0.5,"
                + "\"top_k\":5,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},\"max_tokens\":4000";
        ObjectNode claude = wire(ChatRequestToClaude.convert(object(body + "}"), "m"));
        assertThat(claude.path("thinking")).isEqualTo(JSON.readTree("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
        assertThat(claude.has("temperature") || claude.has("top_p") || claude.has("top_k")).isFalse();
        assertThatThrownBy(() -> ChatRequestToClaude.convert(object(body
                + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"tool_choice\":\"required\"}"), "m"))
                .isInstanceOf(ConversionException.class);
    }

    @Test
    void imagesByUrlStayUrlsAndUnsupportedContentIsRejected() throws ConversionException {
        ObjectNode claude = wire(request("""
                [{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"https://example.com/a.png"},"cache_control":{"type":"ephemeral"}},
                  {"type":"image_url","image_url":{"url":"data:image/jpg;base64,/9j/"}}]}]"""));
        assertThat(claude.at("/messages/0/content")).isEqualTo(JSON.readTree("""
                [{"type":"image","source":{"type":"url","url":"https://example.com/a.png"},"cache_control":{"type":"ephemeral"}},
                 {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/"}}]"""));
        for (String part : List.of(
                "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/bmp;base64,Qk0=\"}}",
                "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAAA\",\"format\":\"wav\"}}",
                "{\"type\":\"file\",\"file\":{\"file_id\":\"file-1\"}}")) {
            assertThatThrownBy(() -> request("[{\"role\":\"user\",\"content\":[" + part + "]}]"))
                    .isInstanceOf(ConversionException.class);
        }
    }

    @Test
    void reasoningIsReplayedOnlyWithClaudesSignature() throws ConversionException {
        ObjectNode claude = wire(request("""
                [{"role":"user","content":"q"},
                 {"role":"assistant","content":"a","reasoning_content":"unsigned"},
                 {"role":"user","content":"q2"},
                 {"role":"assistant","content":"b","reasoning_content":"signed",
                  "thinking_blocks":[{"type":"thinking","thinking":"signed","signature":"EqQB"},
                                     {"type":"redacted_thinking","data":"xyz"}]}]"""));
        assertThat(claude.at("/messages/1/content").asString()).isEqualTo("a");
        assertThat(claude.at("/messages/3/content")).isEqualTo(JSON.readTree("""
                [{"type":"thinking","thinking":"signed","signature":"EqQB"},
                 {"type":"redacted_thinking","data":"xyz"},
                 {"type":"text","text":"b"}]"""));
    }
}

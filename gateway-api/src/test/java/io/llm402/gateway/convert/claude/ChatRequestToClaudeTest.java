package io.llm402.gateway.convert.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** TV-01 to TV-04, the Claude row of TV-09, edge cases of §14, and streams checked against whole answers. */
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
        return ChatRequestToClaude.request(object("{\"model\":\"c\",\"messages\":" + messages + "}"), "claude-sonnet-4-5");
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
        assertThat(wire(ChatRequestToClaude.request(chat, "claude-sonnet-4-5"))).isEqualTo(object("""
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
        ObjectNode completion = wire(ChatRequestToClaude.response(JSON.readTree(SECTION_5_3), "claude-sonnet-4-5"));
        assertThat(completion.path("created").isNumber()).isTrue();
        completion.remove("created");
        assertThat(completion).isEqualTo(object("""
                {
                  "id": "msg_01",
                  "object": "chat.completion",
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
    void tv04StreamWithThinkingTextTwoToolsAndAZeroArgumentTool() {
        List<SseEvent> in = new ArrayList<>();
        """
                {"type":"message_start","message":{"id":"msg_S","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":30,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}
                {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}
                {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Plan."}}
                {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"c2ln"}}
                {"type":"content_block_stop","index":0}
                {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}
                {"type":"ping"}
                {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Calling tools."}}
                {"type":"content_block_stop","index":1}
                {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_A","name":"get_weather","input":{}}}
                {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}
                {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":\\"Paris\\"}"}}
                {"type":"content_block_stop","index":2}
                {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_B","name":"get_time","input":{}}}
                {"type":"content_block_stop","index":3}
                {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":90}}
                {"type":"message_stop"}"""
                .lines().forEach(line -> in.add(new SseEvent(JSON.readTree(line).path("type").asString(), line)));
        List<String> expected = """
                {"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}
                {"choices":[{"index":0,"delta":{"reasoning_content":"Plan."},"finish_reason":null}]}
                {"choices":[{"index":0,"delta":{"content":"Calling tools."},"finish_reason":null}]}
                {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"toolu_A","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}
                {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":\\"Paris\\"}"}}]},"finish_reason":null}]}
                {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"toolu_B","type":"function","function":{"name":"get_time","arguments":""}}]},"finish_reason":null}]}
                {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]},"finish_reason":null}]}
                {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
                {"choices":[],"usage":{"prompt_tokens":30,"completion_tokens":90,"total_tokens":120,"prompt_tokens_details":{"cached_tokens":0}}}"""
                .lines().toList();

        ChatRequestToClaude.Stream stream = new ChatRequestToClaude.Stream("claude-sonnet-4-5", true);
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent event : in) {
            assertThat(stream.finished()).isFalse();
            out.addAll(stream.onEvent(event));
        }
        assertThat(stream.finished()).isTrue();
        assertThat(out).hasSize(expected.size() + 1).allSatisfy(event -> assertThat(event.name()).isNull());
        assertThat(out.getLast().data()).isEqualTo("[DONE]");
        JsonNode first = JSON.readTree(out.getFirst().data());
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode chunk = wire(JSON.readTree(out.get(i).data()));
            assertThat(chunk.path("id").asString()).isEqualTo("msg_S");
            assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("model").asString()).isEqualTo("claude-sonnet-4-5");
            assertThat(chunk.path("created")).isEqualTo(first.path("created"));
            ObjectNode shown = JSON.createObjectNode();
            shown.set("choices", chunk.path("choices"));
            if (chunk.has("usage")) {
                shown.set("usage", chunk.path("usage"));
            }
            assertThat(shown).as("chunk %d", i).isEqualTo(object(expected.get(i)));
        }
        assertThat(stream.onEvent(new SseEvent("message_stop", "{\"type\":\"message_stop\"}"))).isEmpty();
    }

    @Test
    void tv09ClaudeUsageRowAndNoCacheFieldsInventedWhenThereIsNoCache() {
        JsonNode usage = wire(ChatRequestToClaude.response(object("""
                {"id":"m","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":20,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,
                          "output_tokens":50}}"""), "c")).path("usage");
        assertThat(usage).isEqualTo(JSON.readTree("""
                {"prompt_tokens":1120,"completion_tokens":50,"total_tokens":1170,
                 "prompt_tokens_details":{"cached_tokens":1000,"cache_write_tokens":100}}"""));
        ObjectNode completion = wire(ChatRequestToClaude.response(object("""
                {"id":"m","content":[],"stop_reason":"max_tokens","usage":{"input_tokens":7,"output_tokens":3}}"""),
                "c"));
        assertThat(completion.path("usage")).isEqualTo(JSON.readTree("""
                {"prompt_tokens":7,"completion_tokens":3,"total_tokens":10,"prompt_tokens_details":{"cached_tokens":0}}"""));
        assertThat(completion.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(completion.at("/choices/0/finish_reason").asString()).isEqualTo("length");
    }

    @Test
    void stopReasonsMapToFinishReasons() {
        assertThat(List.of("end_turn", "stop_sequence", "max_tokens", "model_context_window_exceeded", "tool_use",
                "pause_turn", "refusal", "").stream().map(ChatRequestToClaude::finishReason).toList())
                .containsExactly("stop", "stop", "length", "length", "tool_calls", "stop", "content_filter", "stop");
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
        assertThat(ChatRequestToClaude.toolId("functions.Bash:0")).isEqualTo("functions_Bash_0");
        assertThat(ChatRequestToClaude.toolId("call_Ab-9")).isEqualTo("call_Ab-9");
        assertThat(ChatRequestToClaude.toolId("")).matches("^[a-zA-Z0-9_-]+$");
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
        assertThatThrownBy(() -> ChatRequestToClaude.request(object("""
                {"model":"c","n":2,"messages":[{"role":"user","content":"hi"}]}"""), "claude-sonnet-4-5"))
                .isInstanceOf(ConversionException.class).hasMessageContaining("'n'");
        assertThat(ChatRequestToClaude.request(object("""
                {"model":"c","n":1,"messages":[{"role":"user","content":"hi"}]}"""), "claude-sonnet-4-5").has("n"))
                .isFalse();
    }

    @Test
    void stopSequencesDropEmptyAndWhitespaceOnlyEntries() throws ConversionException {
        assertThat(ChatRequestToClaude.request(object("""
                {"model":"c","stop":"\\n","messages":[{"role":"user","content":"hi"}]}"""), "m").has("stop_sequences"))
                .isFalse();
        assertThat(wire(ChatRequestToClaude.request(object("""
                {"model":"c","stop":"END","messages":[{"role":"user","content":"hi"}]}"""), "m"))
                .path("stop_sequences")).isEqualTo(JSON.readTree("[\"END\"]"));
        assertThat(wire(ChatRequestToClaude.request(object("""
                {"model":"c","stop":["", " \\t ", "A", "\\n\\nB"],"messages":[{"role":"user","content":"hi"}]}"""),
                "m")).path("stop_sequences")).isEqualTo(JSON.readTree("[\"A\", \"\\n\\nB\"]"));
    }

    @Test
    void defaultsClampsAndDroppedFields() throws ConversionException {
        ObjectNode claude = wire(ChatRequestToClaude.request(object("""
                {"model":"c","messages":[{"role":"user","content":"hi"}],"temperature":1.7,"top_p":0.5,
                 "reasoning_effort":"high","logprobs":true,"seed":7,"frequency_penalty":1,"metadata":{"a":"b"},
                 "stream":false,"stream_options":{"include_usage":true},"safety_identifier":"s-1",
                 "max_tokens":99}"""), "claude-haiku-4-5"));
        assertThat(claude).isEqualTo(object("""
                {"model":"claude-haiku-4-5","max_tokens":99,"messages":[{"role":"user","content":"hi"}],
                 "temperature":1.0,"top_p":0.5,"stream":false,"metadata":{"user_id":"s-1"}}"""));
        assertThat(ChatRequestToClaude.request(object("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "m")
                .path("max_tokens").asLong()).isEqualTo(ChatRequestToClaude.DEFAULT_MAX_TOKENS);
    }

    @Test
    void toolChoices() throws ConversionException {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";
        ObjectNode named = wire(ChatRequestToClaude.request(object("{\"messages\":[]," + tools
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}"), "m"));
        assertThat(named.path("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"tool\",\"name\":\"f\"}"));
        assertThat(named.path("tools")).isEqualTo(JSON.readTree(
                "[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]"));
        assertThat(wire(ChatRequestToClaude.request(object("{\"messages\":[]," + tools + ",\"parallel_tool_calls\":false}"),
                "m")).path("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
        assertThat(wire(ChatRequestToClaude.request(object("{\"messages\":[]," + tools
                + ",\"tool_choice\":\"none\",\"parallel_tool_calls\":false}"), "m")).path("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"none\"}"));
        assertThat(ChatRequestToClaude.request(object("{\"messages\":[],\"tool_choice\":\"auto\"}"), "m").has("tool_choice"))
                .isFalse();
    }

    @Test
    void aClientThinkingObjectPassesAndDropsWhatThinkingForbids() throws ConversionException {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.3,\"top_p\":0.5,"
                + "\"top_k\":5,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},\"max_tokens\":4000";
        ObjectNode claude = wire(ChatRequestToClaude.request(object(body + "}"), "m"));
        assertThat(claude.path("thinking")).isEqualTo(JSON.readTree("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
        assertThat(claude.has("temperature") || claude.has("top_p") || claude.has("top_k")).isFalse();
        assertThatThrownBy(() -> ChatRequestToClaude.request(object(body
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

    @Test
    void anUpstreamErrorEventProducesNothing() {
        ChatRequestToClaude.Stream stream = new ChatRequestToClaude.Stream("c", false);
        assertThat(stream.onEvent(new SseEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")))
                .isEmpty();
        assertThat(stream.finished()).isFalse();
    }

    @Test
    void withoutIncludeUsageTheStreamEndsWithTheFinishChunkAndDone() {
        ChatRequestToClaude.Stream stream = new ChatRequestToClaude.Stream("c", false);
        stream.onEvent(new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\","
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}"));
        List<SseEvent> end = stream.onEvent(new SseEvent("message_stop", "{\"type\":\"message_stop\"}"));
        assertThat(end).hasSize(2);
        assertThat(JSON.readTree(end.getFirst().data()).at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        assertThat(end.getLast().data()).isEqualTo("[DONE]");
    }

    // Property: any Claude message, streamed in random pieces, reads on the client as response() of the whole.

    private static final String[] WORDS = {"Hello", " world", "é", "\"quoted\"", "\n", "{", "}", " ", "日本", "\\"};
    private static final String[] STOP_REASONS = {"end_turn", "max_tokens", "tool_use", "stop_sequence", "refusal"};

    @Test
    void anyStreamAssemblesToTheWholeAnswer() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            ObjectNode message = randomMessage(random);
            ChatRequestToClaude.Stream stream = new ChatRequestToClaude.Stream("gpt-client", true);
            List<SseEvent> chunks = new ArrayList<>();
            for (SseEvent event : claudeEvents(message, random)) {
                chunks.addAll(stream.onEvent(event));
            }
            assertThat(stream.finished()).isTrue();
            JsonNode whole = wire(ChatRequestToClaude.response(message, "gpt-client"));
            ObjectNode expected = JSON.createObjectNode();
            expected.set("message", whole.at("/choices/0/message"));
            expected.set("finish_reason", whole.at("/choices/0/finish_reason"));
            expected.set("usage", whole.path("usage"));
            assertThat(wire(assemble(chunks))).as("seed %d: %s", seed, message).isEqualTo(expected);
        }
    }

    private static String words(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static ObjectNode randomMessage(Random random) {
        ObjectNode message = object("{\"id\":\"msg_r\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"c\"}");
        ArrayNode content = message.putArray("content");
        for (int i = random.nextInt(6); i > 0; i--) {
            switch (random.nextInt(3)) {
                case 0 -> content.addObject().put("type", "thinking").put("thinking", words(random))
                        .put("signature", "sig");
                case 1 -> content.addObject().put("type", "text").put("text", words(random));
                default -> {
                    ObjectNode use = content.addObject().put("type", "tool_use").put("id", "toolu_" + i)
                            .put("name", "tool" + i);
                    ObjectNode input = use.putObject("input");
                    if (random.nextBoolean()) {
                        input.put("q", words(random)).put("n", random.nextInt(100));
                        input.putArray("list").add(words(random)).addObject().put("deep", random.nextBoolean());
                    }
                }
            }
        }
        message.put("stop_reason", STOP_REASONS[random.nextInt(STOP_REASONS.length)]);
        message.putNull("stop_sequence");
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", random.nextInt(500));
        usage.put("cache_creation_input_tokens", random.nextBoolean() ? 0 : random.nextInt(200));
        usage.put("cache_read_input_tokens", random.nextBoolean() ? 0 : random.nextInt(2000));
        usage.put("output_tokens", 1 + random.nextInt(300));
        if (random.nextBoolean()) {
            usage.putObject("output_tokens_details").put("thinking_tokens", 1 + random.nextInt(50));
        }
        return message;
    }

    private static SseEvent event(ObjectNode json) {
        return new SseEvent(json.path("type").asString(), JSON.writeValueAsString(json));
    }

    private static List<String> pieces(String text, Random random) {
        List<String> pieces = new ArrayList<>();
        for (int from = 0; from < text.length(); ) {
            int to = Math.min(text.length(), from + 1 + random.nextInt(6));
            pieces.add(text.substring(from, to));
            from = to;
        }
        if (random.nextInt(4) == 0) {
            pieces.add(""); // Claude's last thinking_delta may be empty
        }
        return pieces;
    }

    /** The stream Claude sends for {@code message} (§5.4), text and JSON cut at random, pings anywhere. */
    private static List<SseEvent> claudeEvents(ObjectNode message, Random random) {
        List<SseEvent> events = new ArrayList<>();
        ObjectNode start = object("{\"type\":\"message_start\"}");
        ObjectNode startMessage = start.putObject("message").put("id", message.path("id").asString())
                .put("type", "message").put("role", "assistant").put("model", "c");
        startMessage.putArray("content");
        startMessage.putNull("stop_reason");
        JsonNode usage = message.path("usage");
        startMessage.putObject("usage").put("input_tokens", usage.path("input_tokens").asLong())
                .put("cache_creation_input_tokens", usage.path("cache_creation_input_tokens").asLong())
                .put("cache_read_input_tokens", usage.path("cache_read_input_tokens").asLong())
                .put("output_tokens", 1);
        events.add(event(start));
        int index = 0;
        for (JsonNode block : message.path("content")) {
            String type = block.path("type").asString();
            ObjectNode blockStart = object("{\"type\":\"content_block_start\"}").put("index", index);
            ObjectNode opened = blockStart.putObject("content_block").put("type", type);
            List<ObjectNode> deltas = new ArrayList<>();
            switch (type) {
                case "thinking" -> {
                    opened.put("thinking", "").put("signature", "");
                    for (String piece : pieces(block.path("thinking").asString(), random)) {
                        deltas.add(object("{\"type\":\"thinking_delta\"}").put("thinking", piece));
                    }
                    deltas.add(object("{\"type\":\"signature_delta\",\"signature\":\"c2ln\"}"));
                }
                case "text" -> {
                    opened.put("text", "");
                    for (String piece : pieces(block.path("text").asString(), random)) {
                        deltas.add(object("{\"type\":\"text_delta\"}").put("text", piece));
                    }
                }
                default -> {
                    opened.put("id", block.path("id").asString()).put("name", block.path("name").asString())
                            .putObject("input");
                    // Claude sends no argument fragments at all for a tool without arguments (edge case 13).
                    if (!block.path("input").isEmpty()) {
                        deltas.add(object("{\"type\":\"input_json_delta\",\"partial_json\":\"\"}"));
                        for (String piece : pieces(JSON.writeValueAsString(block.path("input")), random)) {
                            deltas.add(object("{\"type\":\"input_json_delta\"}").put("partial_json", piece));
                        }
                    }
                }
            }
            events.add(event(blockStart));
            for (ObjectNode delta : deltas) {
                if (random.nextInt(5) == 0) {
                    events.add(new SseEvent("ping", "{\"type\": \"ping\"}"));
                }
                ObjectNode event = object("{\"type\":\"content_block_delta\"}").put("index", index);
                event.set("delta", delta);
                events.add(event(event));
            }
            events.add(event(object("{\"type\":\"content_block_stop\"}").put("index", index)));
            index++;
        }
        ObjectNode delta = object("{\"type\":\"message_delta\"}");
        delta.putObject("delta").put("stop_reason", message.path("stop_reason").asString()).putNull("stop_sequence");
        ObjectNode deltaUsage = delta.putObject("usage").put("output_tokens", usage.path("output_tokens").asLong());
        if (usage.has("output_tokens_details")) {
            deltaUsage.set("output_tokens_details", usage.path("output_tokens_details"));
        }
        events.add(event(delta));
        events.add(event(object("{\"type\":\"message_stop\"}")));
        return events;
    }

    /** What an OpenAI client builds from the chunks: the message, the finish reason and the usage. */
    private static ObjectNode assemble(List<SseEvent> chunks) {
        assertThat(chunks.getLast().data()).isEqualTo("[DONE]");
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        Map<Integer, ObjectNode> calls = new TreeMap<>();
        ObjectNode assembled = JSON.createObjectNode();
        JsonNode first = JSON.readTree(chunks.getFirst().data());
        assertThat(first.at("/choices/0/delta/role").asString()).isEqualTo("assistant");
        for (SseEvent event : chunks.subList(0, chunks.size() - 1)) {
            JsonNode chunk = JSON.readTree(event.data());
            assertThat(chunk.path("id")).isEqualTo(first.path("id"));
            if (chunk.path("usage").isObject()) {
                assembled.set("usage", chunk.path("usage"));
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode delta = choice.path("delta");
                content.append(delta.path("content").asString(""));
                reasoning.append(delta.path("reasoning_content").asString(""));
                for (JsonNode fragment : delta.path("tool_calls")) {
                    ObjectNode call = calls.computeIfAbsent(fragment.path("index").asInt(),
                            index -> object("{\"type\":\"function\",\"function\":{\"arguments\":\"\"}}"));
                    if (fragment.has("id")) {
                        call.put("id", fragment.path("id").asString());
                        ((ObjectNode) call.path("function")).put("name", fragment.at("/function/name").asString());
                    }
                    ((ObjectNode) call.path("function")).put("arguments", call.at("/function/arguments").asString()
                            + fragment.at("/function/arguments").asString(""));
                }
                if (choice.path("finish_reason").isString()) {
                    assembled.set("finish_reason", choice.path("finish_reason"));
                }
            }
        }
        ObjectNode message = assembled.putObject("message").put("role", "assistant");
        if (content.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", content.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            assertThat(calls.keySet()).containsExactlyElementsOf(
                    IntStream.range(0, calls.size()).boxed().toList());
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (ObjectNode call : calls.values()) {
                toolCalls.add(call);
            }
        }
        return assembled;
    }
}

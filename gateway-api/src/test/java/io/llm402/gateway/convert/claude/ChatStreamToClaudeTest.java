package io.llm402.gateway.convert.claude;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.convert.Fixed;
import io.llm402.gateway.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** TV-05, §14 edge cases, and streams checked against whole answers: OpenAI chunks as Claude event streams. */
class ChatStreamToClaudeTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    /** Built trees hold longs where parsed ones hold ints: compare what goes on the wire. */
    private static ObjectNode wire(JsonNode node) {
        return object(JSON.writeValueAsString(node));
    }

    private static List<SseEvent> run(ChatStreamToClaude stream, List<String> chunks) {
        List<SseEvent> out = new ArrayList<>();
        for (String chunk : chunks) {
            out.addAll(stream.onEvent(new SseEvent(null, chunk)));
        }
        return out;
    }

    @Test
    void tv05StreamWithReasoningTextParallelToolsAndCache() {
        List<String> in = """
                {"id":"chatcmpl-X","object":"chat.completion.chunk","created":1764000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}
                {"id":"chatcmpl-X","object":"chat.completion.chunk","created":1764000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{"reasoning_content":"Think."},"finish_reason":null}]}
                {"id":"chatcmpl-X","object":"chat.completion.chunk","created":1764000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}
                {"id":"chatcmpl-X","object":"chat.completion.chunk","created":1764000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"f1","arguments":""}}]},"finish_reason":null}]}
                {"id":"chatcmpl-X","object":"chat.completion.chunk","created":1764000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"a\\":1}"}}]},"finish_reason":null}]}
                {"id":"chatcmpl-X","object":"chat.completion.chunk","created":1764000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"f2","arguments":"{}"}}]},"finish_reason":null}]}
                {"id":"chatcmpl-X","object":"chat.completion.chunk","created":1764000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
                {"id":"chatcmpl-X","object":"chat.completion.chunk","created":1764000000,"model":"deepseek-chat","choices":[],"usage":{"prompt_tokens":100,"completion_tokens":20,"total_tokens":120,"prompt_tokens_details":{"cached_tokens":80}}}
                [DONE]"""
                .lines().toList();
        // TV-05's events; the vector leaves the message id and the estimate open: here they are the upstream's id
        // behind msg_ and the estimate given.
        List<String> expected = """
                {"type":"message_start","message":{"id":"msg_chatcmpl-X","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":7,"output_tokens":1}}}
                {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}
                {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Think."}}
                {"type":"content_block_stop","index":0}
                {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}
                {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hello"}}
                {"type":"content_block_stop","index":1}
                {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"call_a","name":"f1","input":{}}}
                {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\":1}"}}
                {"type":"content_block_stop","index":2}
                {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"call_b","name":"f2","input":{}}}
                {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{}"}}
                {"type":"content_block_stop","index":3}
                {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":20,"cache_read_input_tokens":80,"cache_creation_input_tokens":0,"output_tokens":20}}
                {"type":"message_stop"}"""
                .lines().toList();

        ChatStreamToClaude stream = new ChatStreamToClaude("claude-sonnet-4-5", String::length, 7, Fixed.ids());
        List<SseEvent> out = run(stream, in);
        assertThat(stream.finished()).isTrue();
        assertThat(out).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode actual = wire(JSON.readTree(out.get(i).data()));
            ObjectNode wanted = object(expected.get(i));
            assertThat(out.get(i).name()).isEqualTo(actual.path("type").asString());
            assertThat(actual).as("event %d", i).isEqualTo(wanted);
        }
        assertThat(stream.onEvent(new SseEvent(null, "[DONE]"))).isEmpty();
    }

    @Test
    void aStreamWithoutUsageEstimatesAndStillEndsProperly() {
        ChatStreamToClaude stream = new ChatStreamToClaude("c", String::length, 42, Fixed.ids());
        List<SseEvent> out = run(stream, List.of(
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"abc\"},\"finish_reason\":null}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}", "[DONE]"));
        assertThat(out).extracting(SseEvent::name).containsExactly("message_start", "content_block_start",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(JSON.readTree(out.get(4).data())).isEqualTo(JSON.readTree("""
                {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},
                 "usage":{"input_tokens":42,"cache_read_input_tokens":0,"cache_creation_input_tokens":0,
                          "output_tokens":3}}"""));
    }

    @Test
    void errorChunksProduceNothingAndAnEmptyStreamIsStillWellFormed() {
        ChatStreamToClaude stream = new ChatStreamToClaude("c", String::length, 0, Fixed.ids());
        assertThat(stream.onEvent(new SseEvent(null, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}")))
                .isEmpty();
        assertThat(stream.finished()).isFalse();
        List<SseEvent> out = stream.onEvent(new SseEvent(null, "[DONE]"));
        assertThat(stream.finished()).isTrue();
        assertThat(out).extracting(SseEvent::name).containsExactly("message_start", "content_block_start",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(JSON.readTree(out.get(1).data()).path("content_block"))
                .isEqualTo(JSON.readTree("{\"type\":\"text\",\"text\":\"\"}"));
        assertThat(JSON.readTree(out.get(3).data()).at("/delta/stop_reason").asString()).isEqualTo("end_turn");
    }

    @Test
    void interleavedParallelCallsStillMakeSequentialBlocks() {
        ChatStreamToClaude stream = new ChatStreamToClaude("c", String::length, 0, Fixed.ids());
        List<SseEvent> out = run(stream, List.of(
                toolChunk(0, "call_a", "f", "{\"a\":"), toolChunk(1, "call_b", "g", "{\"b\":"),
                toolChunk(0, null, null, "1}"), toolChunk(1, null, null, "2}"),
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}", "[DONE]"));
        List<String> shown = new ArrayList<>();
        for (SseEvent event : out.subList(1, out.size() - 2)) {
            JsonNode data = JSON.readTree(event.data());
            shown.add(event.name() + " " + data.path("index").asInt() + " "
                    + data.path("content_block").path("id").asString(data.at("/delta/partial_json").asString("")));
        }
        assertThat(shown).containsExactly("content_block_start 0 call_a", "content_block_delta 0 {\"a\":",
                "content_block_delta 0 1}", "content_block_stop 0 ", "content_block_start 1 call_b",
                "content_block_delta 1 {\"b\":2}", "content_block_stop 1 ");
    }

    private static String toolChunk(int index, String id, String name, String arguments) {
        ObjectNode call = JSON.createObjectNode().put("index", index);
        if (id != null) {
            call.put("id", id).put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", arguments);
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(delta, null);
    }

    private static String chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = object("{\"id\":\"chatcmpl-R\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1764000000,\"model\":\"m1\"}");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return JSON.writeValueAsString(chunk);
    }

    // Property: any completion, streamed in random pieces (parallel calls in order or interleaved), reads on a
    // Claude client as the whole answer converted.

    private static final String[] WORDS = {"Hello", " world", "é", "\"quoted\"", "\n", "{", "}", " ", "日本", "\\"};
    private static final String[] FINISH_REASONS = {"stop", "length", "tool_calls", "content_filter"};

    @Test
    void anyStreamAssemblesToTheWholeAnswer() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            ObjectNode completion = randomCompletion(random);
            ChatStreamToClaude stream = new ChatStreamToClaude("claude-client", String::length, 0, Fixed.ids());
            List<SseEvent> events = run(stream, chunks(completion, random));
            assertThat(stream.finished()).isTrue();
            ObjectNode whole = wire(ChatAnswerToClaude.convert(completion, "claude-client", String::length,
                    Fixed.ids()));
            ObjectNode expected = JSON.createObjectNode();
            expected.set("content", whole.path("content"));
            expected.set("stop_reason", whole.path("stop_reason"));
            expected.set("usage", whole.path("usage"));
            assertThat(wire(assemble(events))).as("seed %d: %s", seed, completion).isEqualTo(expected);
        }
    }

    private static String words(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static ObjectNode randomCompletion(Random random) {
        ObjectNode completion = object("{\"id\":\"chatcmpl-R\",\"object\":\"chat.completion\",\"model\":\"m1\"}");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        String reasoning = random.nextBoolean() ? words(random) : "";
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning);
        }
        String text = random.nextBoolean() ? words(random) : "";
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        int calls = random.nextInt(4);
        if (calls > 0) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (int i = 0; i < calls; i++) {
                ObjectNode arguments = JSON.createObjectNode();
                if (random.nextBoolean()) {
                    arguments.put("q", words(random)).put("n", random.nextInt(100));
                    arguments.putArray("list").add(words(random)).addObject().put("deep", random.nextBoolean());
                }
                ObjectNode call = toolCalls.addObject().put("id", "call_" + i).put("type", "function");
                call.putObject("function").put("name", "f" + i)
                        .put("arguments", random.nextInt(3) == 0 ? "" : JSON.writeValueAsString(arguments));
            }
        }
        choice.put("finish_reason", FINISH_REASONS[random.nextInt(FINISH_REASONS.length)]);
        if (random.nextBoolean()) {
            ObjectNode usage = completion.putObject("usage").put("prompt_tokens", 1000 + random.nextInt(1000))
                    .put("completion_tokens", random.nextInt(300));
            switch (random.nextInt(3)) {
                case 0 -> usage.putObject("prompt_tokens_details").put("cached_tokens", random.nextInt(1000));
                case 1 -> usage.put("prompt_cache_hit_tokens", random.nextInt(1000));
                default -> {
                }
            }
        }
        return completion;
    }

    private static List<String> pieces(String text, Random random) {
        List<String> pieces = new ArrayList<>();
        for (int from = 0; from < text.length(); ) {
            int to = Math.min(text.length(), from + 1 + random.nextInt(6));
            pieces.add(text.substring(from, to));
            from = to;
        }
        if (random.nextInt(4) == 0) {
            pieces.add("");
        }
        return pieces;
    }

    /** The chunks an OpenAI-compatible server sends for {@code completion}, cut at random. */
    private static List<String> chunks(ObjectNode completion, Random random) {
        JsonNode message = completion.at("/choices/0/message");
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk(object("{\"role\":\"assistant\",\"content\":\"\"}"), null));
        for (String piece : pieces(message.path("reasoning_content").asString(""), random)) {
            chunks.add(chunk(JSON.createObjectNode().put("reasoning_content", piece), null));
        }
        for (String piece : pieces(message.path("content").asString(""), random)) {
            chunks.add(chunk(JSON.createObjectNode().put("content", piece), null));
        }
        List<List<String>> remaining = new ArrayList<>();
        boolean interleave = random.nextBoolean();
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            List<String> pieces = pieces(call.at("/function/arguments").asString(), random);
            String first = interleave || pieces.isEmpty() ? "" : pieces.removeFirst();
            chunks.add(toolChunk(index++, call.path("id").asString(), call.at("/function/name").asString(), first));
            if (interleave) {
                remaining.add(pieces);
            } else {
                for (String piece : pieces) {
                    chunks.add(toolChunk(index - 1, null, null, piece));
                }
            }
        }
        // Interleaved: the remaining fragments of all calls in random order, each call's own in sequence.
        while (remaining.stream().anyMatch(pieces -> !pieces.isEmpty())) {
            int call = random.nextInt(remaining.size());
            if (!remaining.get(call).isEmpty()) {
                chunks.add(toolChunk(call, null, null, remaining.get(call).removeFirst()));
            }
        }
        chunks.add(chunk(JSON.createObjectNode(), completion.at("/choices/0/finish_reason").asString()));
        if (completion.has("usage")) {
            ObjectNode usageChunk = object("{\"id\":\"chatcmpl-R\",\"choices\":[]}");
            usageChunk.set("usage", completion.path("usage"));
            chunks.add(JSON.writeValueAsString(usageChunk));
        }
        chunks.add("[DONE]");
        return chunks;
    }

    /** What a Claude client builds from the events, checking on the way that blocks are well-formed and in order. */
    private static ObjectNode assemble(List<SseEvent> events) {
        assertThat(events.getFirst().name()).isEqualTo("message_start");
        assertThat(events.getLast().name()).isEqualTo("message_stop");
        ObjectNode assembled = JSON.createObjectNode();
        ArrayNode content = JSON.createArrayNode();
        int open = -1;
        StringBuilder partialJson = new StringBuilder();
        for (SseEvent event : events) {
            JsonNode data = JSON.readTree(event.data());
            String type = data.path("type").asString();
            assertThat(event.name()).isEqualTo(type);
            switch (type) {
                case "content_block_start" -> {
                    assertThat(open).isEqualTo(-1);
                    assertThat(data.path("index").asInt()).isEqualTo(content.size());
                    open = content.size();
                    JsonNode block = data.path("content_block");
                    content.add(block);
                    partialJson.setLength(0);
                }
                case "content_block_delta" -> {
                    assertThat(data.path("index").asInt()).isEqualTo(open);
                    ObjectNode block = (ObjectNode) content.get(open);
                    JsonNode delta = data.path("delta");
                    switch (delta.path("type").asString()) {
                        case "text_delta" -> block.put("text", block.path("text").asString()
                                + delta.path("text").asString());
                        case "thinking_delta" -> block.put("thinking", block.path("thinking").asString()
                                + delta.path("thinking").asString());
                        case "input_json_delta" -> partialJson.append(delta.path("partial_json").asString());
                        default -> throw new AssertionError("unexpected delta " + delta);
                    }
                }
                case "content_block_stop" -> {
                    assertThat(data.path("index").asInt()).isEqualTo(open);
                    ObjectNode block = (ObjectNode) content.get(open);
                    if (block.path("type").asString().equals("tool_use") && !partialJson.isEmpty()) {
                        block.set("input", JSON.readTree(partialJson.toString()));
                    }
                    open = -1;
                }
                case "message_delta" -> {
                    assembled.set("stop_reason", data.at("/delta/stop_reason"));
                    assembled.set("usage", data.path("usage"));
                }
                default -> {
                }
            }
        }
        assertThat(open).isEqualTo(-1);
        assembled.set("content", content);
        return assembled;
    }
}

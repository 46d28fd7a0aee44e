package io.llm402.gateway.convert.claude;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.convert.Fixed;
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

/** TV-04 and streams checked against whole answers: Claude event streams as OpenAI chunks. */
class ClaudeStreamToChatTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    /** Built trees hold longs where parsed ones hold ints: compare what goes on the wire. */
    private static ObjectNode wire(JsonNode node) {
        return object(JSON.writeValueAsString(node));
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

        ClaudeStreamToChat stream = new ClaudeStreamToChat("claude-sonnet-4-5", true, Fixed.CLOCK, Fixed.ids());
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent event : in) {
            assertThat(stream.finished()).isFalse();
            out.addAll(stream.onEvent(event));
        }
        assertThat(stream.finished()).isTrue();
        assertThat(out).hasSize(expected.size() + 1).allSatisfy(event -> assertThat(event.name()).isNull());
        assertThat(out.getLast().data()).isEqualTo("[DONE]");
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode chunk = object("""
                    {"id":"msg_S","object":"chat.completion.chunk","created":1764000000,"model":"claude-sonnet-4-5"}""");
            chunk.setAll(object(expected.get(i)));
            assertThat(wire(JSON.readTree(out.get(i).data()))).as("chunk %d", i).isEqualTo(chunk);
        }
        assertThat(stream.onEvent(new SseEvent("message_stop", "{\"type\":\"message_stop\"}"))).isEmpty();
    }

    @Test
    void anUpstreamErrorEventProducesNothing() {
        ClaudeStreamToChat stream = new ClaudeStreamToChat("c", false, Fixed.CLOCK, Fixed.ids());
        assertThat(stream.onEvent(new SseEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")))
                .isEmpty();
        assertThat(stream.finished()).isFalse();
    }

    @Test
    void withoutIncludeUsageTheStreamEndsWithTheFinishChunkAndDone() {
        ClaudeStreamToChat stream = new ClaudeStreamToChat("c", false, Fixed.CLOCK, Fixed.ids());
        stream.onEvent(new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\","
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}"));
        List<SseEvent> end = stream.onEvent(new SseEvent("message_stop", "{\"type\":\"message_stop\"}"));
        assertThat(end).hasSize(2);
        assertThat(JSON.readTree(end.getFirst().data()).at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        assertThat(end.getLast().data()).isEqualTo("[DONE]");
    }

    // Property: any Claude message, streamed in random pieces, reads on the client as the whole answer converted.

    private static final String[] WORDS = {"Hello", " world", "é", "\"quoted\"", "\n", "{", "}", " ", "日本", "\\"};
    private static final String[] STOP_REASONS = {"end_turn", "max_tokens", "tool_use", "stop_sequence", "refusal"};

    @Test
    void anyStreamAssemblesToTheWholeAnswer() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            ObjectNode message = randomMessage(random);
            ClaudeStreamToChat stream = new ClaudeStreamToChat("gpt-client", true, Fixed.CLOCK, Fixed.ids());
            List<SseEvent> chunks = new ArrayList<>();
            for (SseEvent event : claudeEvents(message, random)) {
                chunks.addAll(stream.onEvent(event));
            }
            assertThat(stream.finished()).isTrue();
            JsonNode whole = wire(ClaudeAnswerToChat.convert(message, "gpt-client", Fixed.CLOCK, Fixed.ids()));
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

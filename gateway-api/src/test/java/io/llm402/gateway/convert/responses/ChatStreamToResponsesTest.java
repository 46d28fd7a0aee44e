package io.llm402.gateway.convert.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.convert.Fixed;
import io.llm402.gateway.wire.SseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** api-formats §3.4 and TV-15: chat chunks as typed Responses events, checked against whole responses. */
class ChatStreamToResponsesTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static ObjectNode object(String text) {
        return (ObjectNode) JSON.readTree(text);
    }

    /** Written and read again, so built number nodes compare equal to parsed ones. */
    private static JsonNode normal(JsonNode node) {
        return JSON.readTree(JSON.writeValueAsString(node));
    }

    private static SseEvent chunk(String choices, String extra) {
        return new SseEvent(null, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
                + "\"model\":\"gpt-4o\",\"choices\":" + choices + extra + "}");
    }

    private static SseEvent delta(String delta, String finish) {
        return chunk("[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]", "");
    }

    private static List<SseEvent> feed(ChatStreamToResponses stream, List<SseEvent> chunks) {
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent chunk : chunks) {
            out.addAll(stream.onEvent(chunk));
        }
        return out;
    }

    @Test
    void tv15() {
        ChatStreamToResponses stream = new ChatStreamToResponses(object("{\"model\": \"gpt-4o\", \"stream\": true}"),
                Fixed.CLOCK, Fixed.ids());

        List<SseEvent> out = feed(stream, List.of(
                delta("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null"),
                delta("{\"content\":\"Hi\"}", "null"),
                delta("{\"content\":\" there\"}", "null"),
                delta("{}", "\"stop\""),
                chunk("[]", ",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}"),
                new SseEvent(null, "[DONE]")));

        assertThat(out).extracting(SseEvent::name).containsExactly(
                "response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed");
        List<JsonNode> events = out.stream().map(event -> json(event.data())).toList();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i);
            assertThat(events.get(i).path("type").asString()).isEqualTo(out.get(i).name());
        }
        assertThat(events.get(0).at("/response/status").asString()).isEqualTo("in_progress");
        assertThat(events.get(0).at("/response/output").isEmpty()).isTrue();
        assertThat(events.get(0).at("/response/model").asString()).isEqualTo("gpt-4o");
        JsonNode added = events.get(2);
        assertThat(added.path("output_index").asInt()).isEqualTo(0);
        String itemId = added.at("/item/id").asString();
        assertThat(added.path("item")).isEqualTo(json("""
                {"id": "msg_1", "type": "message", "status": "in_progress", "role": "assistant", "content": []}"""));
        assertThat(events.get(3).path("content_index").asInt()).isEqualTo(0);
        assertThat(events.get(3).path("item_id").asString()).isEqualTo(itemId);
        assertThat(events.get(3).path("part")).isEqualTo(json("""
                {"type": "output_text", "text": "", "annotations": []}"""));
        assertThat(events.get(4).path("delta").asString()).isEqualTo("Hi");
        assertThat(events.get(5).path("delta").asString()).isEqualTo(" there");
        assertThat(events.get(6).path("text").asString()).isEqualTo("Hi there");
        assertThat(events.get(7).at("/part/text").asString()).isEqualTo("Hi there");
        assertThat(events.get(8).at("/item/status").asString()).isEqualTo("completed");
        assertThat(events.get(8).at("/item/id").asString()).isEqualTo(itemId);
        JsonNode completed = events.get(9).path("response");
        assertThat(completed.path("id").asString()).isEqualTo(events.get(0).at("/response/id").asString());
        assertThat(completed.path("status").asString()).isEqualTo("completed");
        assertThat(completed.at("/output/0/content/0/text").asString()).isEqualTo("Hi there");
        assertThat(completed.path("usage")).isEqualTo(json("""
                {"input_tokens": 5, "output_tokens": 2, "total_tokens": 7,
                 "input_tokens_details": {"cached_tokens": 0}, "output_tokens_details": {"reasoning_tokens": 0}}"""));
        assertThat(stream.finished()).isTrue();
        assertThat(stream.onEvent(new SseEvent(null, "[DONE]"))).isEmpty();
    }

    @Test
    void errorsEmitNothingAndACutShortStreamEndsIncomplete() {
        ChatStreamToResponses stream = new ChatStreamToResponses(object("{\"model\": \"m\"}"), Fixed.CLOCK, Fixed.ids());

        assertThat(stream.onEvent(new SseEvent(null, "{\"error\":{\"message\":\"boom\"}}"))).isEmpty();
        List<SseEvent> out = feed(stream, List.of(delta("{\"content\":\"Once\"}", "\"length\""),
                new SseEvent(null, "[DONE]")));

        assertThat(out.getLast().name()).isEqualTo("response.incomplete");
        JsonNode response = json(out.getLast().data()).path("response");
        assertThat(response.path("status").asString()).isEqualTo("incomplete");
        assertThat(response.at("/incomplete_details/reason").asString()).isEqualTo("max_output_tokens");
        assertThat(response.at("/output/0/status").asString()).isEqualTo("incomplete");
        assertThat(response.path("usage").isNull()).isTrue();
        assertThat(json(out.getFirst().data()).path("sequence_number").asInt()).isEqualTo(0);
    }

    /** What a client rebuilds from the delta events alone, one line per output item. */
    private static List<String> fromDeltas(List<JsonNode> events) {
        Map<Integer, JsonNode> added = new TreeMap<>();
        Map<Integer, StringBuilder> text = new HashMap<>();
        for (JsonNode event : events) {
            int index = event.path("output_index").asInt();
            switch (event.path("type").asString()) {
                case "response.output_item.added" -> {
                    added.put(index, event.path("item"));
                    text.put(index, new StringBuilder());
                }
                case "response.output_text.delta", "response.reasoning_summary_text.delta",
                     "response.function_call_arguments.delta" -> text.get(index).append(event.path("delta").asString());
                case "response.output_text.done", "response.reasoning_summary_text.done" ->
                        assertThat(event.path("text").asString()).isEqualTo(text.get(index).toString());
                case "response.function_call_arguments.done" ->
                        assertThat(event.path("arguments").asString()).isEqualTo(text.get(index).toString());
                default -> {
                    // other events carry no content of their own
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Integer, JsonNode> entry : added.entrySet()) {
            JsonNode item = entry.getValue();
            String type = item.path("type").asString();
            String content = text.get(entry.getKey()).toString();
            lines.add(type.equals("function_call")
                    ? type + ":" + item.path("call_id").asString() + ":" + item.path("name").asString() + ":" + content
                    : type + ":" + content);
        }
        return lines;
    }

    private static List<String> lines(JsonNode output) {
        List<String> lines = new ArrayList<>();
        for (JsonNode item : output) {
            String type = item.path("type").asString();
            lines.add(switch (type) {
                case "reasoning" -> type + ":" + item.at("/summary/0/text").asString();
                case "message" -> type + ":" + item.at("/content/0/text").asString();
                default -> type + ":" + item.path("call_id").asString() + ":" + item.path("name").asString() + ":"
                        + item.path("arguments").asString();
            });
        }
        return lines;
    }

    private static List<String> pieces(Random random, String prefix) {
        List<String> pieces = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            pieces.add(prefix + pieces.size() + " ");
        }
        return pieces;
    }

    private static List<String> split(Random random, String text) {
        List<String> fragments = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int next = Math.min(text.length(), at + 1 + random.nextInt(6));
            fragments.add(text.substring(at, next));
            at = next;
        }
        return fragments;
    }

    @Test
    void aStreamAssemblesToTheWholeResponse() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            List<String> reasoning = pieces(random, "think");
            List<String> content = pieces(random, "word");
            int callCount = random.nextInt(4);
            String finish = callCount > 0 ? (random.nextInt(4) == 0 ? "length" : "tool_calls")
                    : (random.nextBoolean() ? "stop" : "length");
            ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", 100 + random.nextInt(100))
                    .put("completion_tokens", random.nextInt(100));
            usage.put("total_tokens", usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
            usage.putObject("prompt_tokens_details").put("cached_tokens", random.nextInt(50));
            usage.putObject("completion_tokens_details").put("reasoning_tokens", random.nextInt(50));

            // The whole completion.
            ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-1").put("created", 1764000000);
            ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (content.isEmpty()) {
                message.putNull("content");
            } else {
                message.put("content", String.join("", content));
            }
            if (!reasoning.isEmpty()) {
                message.put("reasoning_content", String.join("", reasoning));
            }
            List<List<ObjectNode>> callFragments = new ArrayList<>();
            if (callCount > 0) {
                ArrayNode calls = message.putArray("tool_calls");
                for (int c = 0; c < callCount; c++) {
                    String arguments = "{\"a\":" + random.nextInt(1000) + ",\"b\":\"x" + c + "\"}";
                    calls.addObject().put("id", "call_" + c).put("type", "function").putObject("function")
                            .put("name", "fn" + c).put("arguments", arguments);
                    List<ObjectNode> fragments = new ArrayList<>();
                    ObjectNode first = JSON.createObjectNode().put("index", c).put("id", "call_" + c)
                            .put("type", "function");
                    first.putObject("function").put("name", "fn" + c).put("arguments", "");
                    fragments.add(first);
                    for (String piece : split(random, arguments)) {
                        ObjectNode fragment = JSON.createObjectNode().put("index", c);
                        fragment.putObject("function").put("arguments", piece);
                        fragments.add(fragment);
                    }
                    callFragments.add(fragments);
                }
            }
            choice.put("finish_reason", finish);
            completion.set("usage", usage);

            // The same as chunks: reasoning, text, then the calls' fragments interleaved at random, calls starting
            // in index order, as upstreams that stream parallel calls side by side do.
            List<SseEvent> chunks = new ArrayList<>();
            chunks.add(delta("{\"role\":\"assistant\",\"content\":\"\"}", "null"));
            for (String piece : reasoning) {
                chunks.add(delta(JSON.createObjectNode().put("reasoning_content", piece).toString(), "null"));
            }
            for (String piece : content) {
                chunks.add(delta(JSON.createObjectNode().put("content", piece).toString(), "null"));
            }
            int started = 0;
            List<Integer> cursor = new ArrayList<>();
            callFragments.forEach(fragments -> cursor.add(0));
            while (true) {
                List<Integer> ready = new ArrayList<>();
                for (int c = 0; c < started; c++) {
                    if (cursor.get(c) < callFragments.get(c).size()) {
                        ready.add(c);
                    }
                }
                if (started < callFragments.size()) {
                    ready.add(started);
                }
                if (ready.isEmpty()) {
                    break;
                }
                int c = ready.get(random.nextInt(ready.size()));
                if (c == started) {
                    started++;
                }
                ObjectNode toolDelta = JSON.createObjectNode();
                toolDelta.putArray("tool_calls").add(callFragments.get(c).get(cursor.get(c)));
                cursor.set(c, cursor.get(c) + 1);
                chunks.add(delta(toolDelta.toString(), "null"));
            }
            chunks.add(delta("{}", "\"" + finish + "\""));
            chunks.add(chunk("[]", ",\"usage\":" + usage));
            chunks.add(new SseEvent(null, "[DONE]"));

            ObjectNode request = object("{\"model\": \"gpt-4o\", \"stream\": true}");
            ChatStreamToResponses stream = new ChatStreamToResponses(request, Fixed.CLOCK, Fixed.ids());
            List<SseEvent> out = feed(stream, chunks);
            JsonNode whole = ChatAnswerToResponses.convert(completion, request, Fixed.CLOCK, Fixed.ids());

            List<JsonNode> events = out.stream().map(event -> json(event.data())).toList();
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).path("sequence_number").asInt()).as("seed %d", seed).isEqualTo(i);
                assertThat(out.get(i).name()).as("seed %d", seed).isEqualTo(events.get(i).path("type").asString());
            }
            assertThat(stream.finished()).as("seed %d", seed).isTrue();
            JsonNode last = events.getLast();
            assertThat(last.path("type").asString()).as("seed %d", seed)
                    .isEqualTo(finish.equals("length") ? "response.incomplete" : "response.completed");
            JsonNode response = last.path("response");

            assertThat(fromDeltas(events)).as("seed %d", seed).isEqualTo(lines(whole.path("output")));
            assertThat(normal(response.path("output"))).as("seed %d", seed).isEqualTo(normal(whole.path("output")));
            for (String field : List.of("status", "incomplete_details", "usage", "model")) {
                assertThat(normal(response.path(field))).as("seed %d %s", seed, field)
                        .isEqualTo(normal(whole.path(field)));
            }
            List<JsonNode> itemsDone = events.stream()
                    .filter(event -> event.path("type").asString().equals("response.output_item.done"))
                    .map(event -> event.path("item")).toList();
            ArrayNode doneOutput = JSON.createArrayNode();
            itemsDone.forEach(doneOutput::add);
            assertThat(normal(doneOutput)).as("seed %d", seed).isEqualTo(normal(response.path("output")));
            assertThat(normal(response)).as("seed %d", seed).isEqualTo(normal(whole));
        }
    }
}

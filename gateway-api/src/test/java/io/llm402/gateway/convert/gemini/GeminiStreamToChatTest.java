package io.llm402.gateway.convert.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.convert.Fixed;
import io.llm402.gateway.wire.SseEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** api-formats §12.2 streaming and TV-08: Gemini chunks as OpenAI chunks, checked against whole answers. */
class GeminiStreamToChatTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static ObjectNode object(String text) {
        return (ObjectNode) JSON.readTree(text);
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }

    /** Written and read again, so built number nodes compare equal to parsed ones. */
    private static JsonNode normal(JsonNode node) {
        return JSON.readTree(JSON.writeValueAsString(node));
    }

    @Test
    void aBlockedPromptEndsTheStreamFiltered() {
        JsonNode blocked = json("""
                {"promptFeedback": {"blockReason": "SAFETY"},
                 "usageMetadata": {"promptTokenCount": 7, "totalTokenCount": 7}}""");

        GeminiStreamToChat stream = new GeminiStreamToChat("m", false, Fixed.CLOCK, Fixed.ids());
        List<SseEvent> out = stream.onEvent(new SseEvent(null, blocked.toString()));
        assertThat(out).hasSize(3);
        assertThat(json(out.get(1).data()).at("/choices/0/finish_reason").asString()).isEqualTo("content_filter");
        assertThat(out.get(2).data()).isEqualTo("[DONE]");
        assertThat(stream.finished()).isTrue();
    }

    private static final List<String> TV08_IN = List.of("""
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Checking","thought":true}]},"index":0}],\
            "usageMetadata":{"promptTokenCount":50,"totalTokenCount":50}}""", """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Let me look."}]},"index":0}],\
            "usageMetadata":{"promptTokenCount":50,"totalTokenCount":50}}""", """
            {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather",\
            "args":{"city":"Paris"}},"thoughtSignature":"SIG1"},{"functionCall":{"name":"get_weather",\
            "args":{"city":"Rome"}}}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":50,\
            "cachedContentTokenCount":0,"candidatesTokenCount":20,"thoughtsTokenCount":30,"totalTokenCount":100}}""");

    /**
     * TV-08's expected payloads without the envelope (id, object, created, model), which the test adds; the tool-call
     * ids, which Gemini does not send, are the gateway's own. The first call also carries SIG1 in
     * {@code extra_content} (§12.5: the client hands it back with the call).
     */
    private static final List<String> TV08_OUT = List.of("""
            {"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""", """
            {"choices":[{"index":0,"delta":{"reasoning_content":"Checking"},"finish_reason":null}]}""", """
            {"choices":[{"index":0,"delta":{"content":"Let me look."},"finish_reason":null}]}""", """
            {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function",\
            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},\
            "extra_content":{"google":{"thought_signature":"SIG1"}}},{"index":1,"id":"call_2","type":"function",\
            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},"finish_reason":null}]}""", """
            {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""", """
            {"choices":[],"usage":{"prompt_tokens":50,"completion_tokens":50,"total_tokens":100,\
            "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":30}}}""");

    private static List<SseEvent> feed(GeminiStreamToChat stream, List<String> payloads) {
        List<SseEvent> out = new ArrayList<>();
        for (String payload : payloads) {
            out.addAll(stream.onEvent(new SseEvent(null, payload)));
        }
        return out;
    }

    @Test
    void tv08() {
        GeminiStreamToChat stream = new GeminiStreamToChat("gemini-2.5-flash", true, Fixed.CLOCK, Fixed.ids());

        List<SseEvent> out = feed(stream, TV08_IN);

        assertThat(out).hasSize(TV08_OUT.size() + 1);
        assertThat(out).allSatisfy(event -> assertThat(event.name()).isNull());
        assertThat(out.getLast().data()).isEqualTo("[DONE]");
        for (int i = 0; i < TV08_OUT.size(); i++) {
            ObjectNode expected = object("""
                    {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764000000,"model":"gemini-2.5-flash"}""");
            expected.setAll(object(TV08_OUT.get(i)));
            assertThat(json(out.get(i).data())).as("chunk %d", i).isEqualTo(expected);
        }
        assertThat(stream.finished()).isTrue();
        assertThat(stream.onEvent(new SseEvent(null, TV08_IN.getFirst()))).isEmpty();
    }

    @Test
    void toolIndicesKeepCountingAcrossChunksAndUsageNeedsTheOption() {
        GeminiStreamToChat stream = new GeminiStreamToChat("m", false, Fixed.CLOCK, Fixed.ids());

        List<SseEvent> out = feed(stream, List.of("""
                {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"a","args":{}}}]}}]}""", """
                {"error": {"code": 500, "message": "boom", "status": "INTERNAL"}}""", """
                {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"b","args":{"x":1}}}]},\
                "finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":4}}"""));

        assertThat(out).hasSize(5); // role, call a, call b, finish, [DONE]: no usage chunk, nothing for the error
        assertThat(json(out.get(1).data()).at("/choices/0/delta/tool_calls/0/index").asInt()).isEqualTo(0);
        assertThat(json(out.get(2).data()).at("/choices/0/delta/tool_calls/0/index").asInt()).isEqualTo(1);
        assertThat(json(out.get(3).data()).at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(out.get(4).data()).isEqualTo("[DONE]");
    }

    /** Client-side assembly of an OpenAI chat stream, as the SDKs do it: by tool-call index. */
    private record Assembled(String content, String reasoning, Map<Integer, ObjectNode> calls, String finishReason,
                             JsonNode usage, boolean done) {

        static Assembled of(List<SseEvent> events) {
            StringBuilder content = new StringBuilder();
            StringBuilder reasoning = new StringBuilder();
            Map<Integer, ObjectNode> calls = new TreeMap<>();
            String finish = "";
            JsonNode usage = JSON.createObjectNode();
            boolean done = false;
            for (SseEvent event : events) {
                if (event.data().equals("[DONE]")) {
                    done = true;
                    continue;
                }
                JsonNode chunk = json(event.data());
                if (chunk.path("usage").isObject()) {
                    usage = chunk.path("usage");
                }
                for (JsonNode choice : chunk.path("choices")) {
                    JsonNode delta = choice.path("delta");
                    content.append(text(delta.path("content")));
                    reasoning.append(text(delta.path("reasoning_content")));
                    for (JsonNode fragment : delta.path("tool_calls")) {
                        ObjectNode call = calls.computeIfAbsent(fragment.path("index").asInt(),
                                index -> JSON.createObjectNode());
                        for (String field : List.of("id", "type", "extra_content")) {
                            if (fragment.has(field)) {
                                call.set(field, fragment.get(field));
                            }
                        }
                        ObjectNode function = call.path("function") instanceof ObjectNode existing ? existing
                                : call.putObject("function");
                        if (fragment.at("/function/name").isString()) {
                            function.put("name", fragment.at("/function/name").asString());
                        }
                        function.put("arguments", text(function.path("arguments"))
                                + text(fragment.at("/function/arguments")));
                    }
                    if (choice.path("finish_reason").isString()) {
                        finish = choice.path("finish_reason").asString();
                    }
                }
            }
            return new Assembled(content.toString(), reasoning.toString(), calls, finish, usage, done);
        }
    }

    private static ObjectNode randomPart(Random random, int serial) {
        ObjectNode part = JSON.createObjectNode();
        switch (random.nextInt(3)) {
            case 0 -> part.put("text", "thought" + serial + " ").put("thought", true);
            case 1 -> part.put("text", "word" + serial + " ");
            default -> {
                ObjectNode call = part.putObject("functionCall");
                call.put("name", "fn" + serial);
                ObjectNode args = call.putObject("args");
                for (int i = random.nextInt(3) - 1; i >= 0; i--) {
                    args.put("k" + i, random.nextInt(100));
                }
                if (random.nextBoolean()) {
                    part.put("thoughtSignature", "SIG" + serial);
                }
            }
        }
        return part;
    }

    @Test
    void aStreamAssemblesToTheWholeAnswer() {
        List<String> finishes = List.of("STOP", "STOP", "MAX_TOKENS", "SAFETY");
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            List<ObjectNode> parts = new ArrayList<>();
            for (int i = random.nextInt(9); i > 0; i--) {
                parts.add(randomPart(random, parts.size()));
            }
            String finish = finishes.get(random.nextInt(finishes.size()));
            ObjectNode usage = JSON.createObjectNode().put("promptTokenCount", 10 + random.nextInt(100))
                    .put("cachedContentTokenCount", random.nextInt(10))
                    .put("candidatesTokenCount", random.nextInt(50))
                    .put("thoughtsTokenCount", random.nextInt(50));

            // Split the parts over chunks at random; the last chunk carries the finish and the full usage.
            List<ArrayNode> groups = new ArrayList<>();
            groups.add(JSON.createArrayNode());
            for (ObjectNode part : parts) {
                if (!groups.getLast().isEmpty() && random.nextBoolean()) {
                    groups.add(JSON.createArrayNode());
                }
                groups.getLast().add(part);
            }
            List<String> payloads = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                ObjectNode chunk = JSON.createObjectNode();
                ObjectNode candidate = chunk.putArray("candidates").addObject();
                candidate.putObject("content").put("role", "model").set("parts", groups.get(g));
                candidate.put("index", 0);
                if (g == groups.size() - 1) {
                    candidate.put("finishReason", finish);
                    chunk.set("usageMetadata", usage);
                } else {
                    chunk.putObject("usageMetadata").put("promptTokenCount", usage.path("promptTokenCount").asInt());
                }
                payloads.add(chunk.toString());
            }
            ObjectNode whole = JSON.createObjectNode();
            ObjectNode candidate = whole.putArray("candidates").addObject();
            ArrayNode allParts = candidate.putObject("content").put("role", "model").putArray("parts");
            parts.forEach(allParts::add);
            candidate.put("finishReason", finish);
            whole.set("usageMetadata", usage);

            GeminiStreamToChat stream = new GeminiStreamToChat("m", true, Fixed.CLOCK, Fixed.ids());
            Assembled streamed = Assembled.of(feed(stream, payloads));
            JsonNode expected = GeminiAnswerToChat.convert(whole, "m", Fixed.CLOCK, Fixed.ids());
            JsonNode message = expected.at("/choices/0/message");

            assertThat(streamed.done()).as("seed %d", seed).isTrue();
            assertThat(stream.finished()).as("seed %d", seed).isTrue();
            assertThat(streamed.content()).as("seed %d", seed).isEqualTo(text(message.path("content")));
            assertThat(streamed.reasoning()).as("seed %d", seed)
                    .isEqualTo(text(message.path("reasoning_content")));
            assertThat(streamed.finishReason()).as("seed %d", seed)
                    .isEqualTo(expected.at("/choices/0/finish_reason").asString());
            assertThat(normal(streamed.usage())).as("seed %d", seed).isEqualTo(normal(expected.path("usage")));

            JsonNode wholeCalls = message.path("tool_calls");
            assertThat(streamed.calls().keySet()).as("seed %d", seed)
                    .containsExactlyElementsOf(range(wholeCalls.size()));
            Set<String> ids = new HashSet<>();
            int index = 0;
            for (ObjectNode call : streamed.calls().values()) {
                ids.add(call.path("id").asString());
                assertThat(normal(call)).as("seed %d", seed).isEqualTo(normal(wholeCalls.get(index++)));
            }
            assertThat(ids).as("seed %d", seed).hasSize(wholeCalls.size());
        }
    }

    private static List<Integer> range(int size) {
        List<Integer> range = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            range.add(i);
        }
        return range;
    }
}

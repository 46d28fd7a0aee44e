package io.llm402.gateway.convert.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.gateway.convert.ConversionException;
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

/** api-formats §12, TV-07, TV-08 and the Gemini row of TV-09. */
class ChatRequestToGeminiTest {

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

    // ---------------------------------------------------------------------------------------------------- request

    /** TV-07's input; the signature the gateway handed out for call_p comes back in Google's own field. */
    private static final String TV07 = """
            {
              "model": "gemini-2.5-flash",
              "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "Weather in Paris and Rome?"},
                {"role": "assistant", "content": null, "tool_calls": [
                  {"id": "call_p", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"},
                   "extra_content": {"google": {"thought_signature": "SIG_P"}}},
                  {"id": "call_r", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Rome\\"}"}}
                ]},
                {"role": "tool", "tool_call_id": "call_p", "content": "{\\"temp\\":18}"},
                {"role": "tool", "tool_call_id": "call_r", "content": "22C"}
              ],
              "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Current weather",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
              "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
              "max_tokens": 512,
              "stop": "END",
              "reasoning_effort": "low"
            }""";

    private static final String TV07_EXPECTED = """
            {
              "contents": [
                {"role": "user", "parts": [{"text": "Weather in Paris and Rome?"}]},
                {"role": "model", "parts": [
                  {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "SIG_P"},
                  {"functionCall": {"name": "get_weather", "args": {"city": "Rome"}}}
                ]},
                {"role": "user", "parts": [
                  {"functionResponse": {"name": "get_weather", "response": {"temp": 18}}},
                  {"functionResponse": {"name": "get_weather", "response": {"content": "22C"}}}
                ]}
              ],
              "systemInstruction": {"parts": [{"text": "Be brief."}]},
              "tools": [{"functionDeclarations": [{"name": "get_weather", "description": "Current weather",
                "parametersJsonSchema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]}],
              "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}},
              "generationConfig": {"maxOutputTokens": 512, "stopSequences": ["END"],
                "thinkingConfig": {"includeThoughts": true, "thinkingBudget": 1024}}
            }""";

    @Test
    void tv07WithoutThinkingSettingsLeavesThinkingConfigToTheReasoningLayer() throws ConversionException {
        ObjectNode expected = object(TV07_EXPECTED);
        ((ObjectNode) expected.path("generationConfig")).remove("thinkingConfig");

        assertThat(normal(ChatRequestToGemini.request(object(TV07)))).isEqualTo(expected);
    }

    @Test
    void tv07ExactlyWhenTheCallerSetsThinkingConfig() throws ConversionException {
        ObjectNode request = object(TV07);
        request.putObject("extra_body").putObject("google").putObject("thinking_config")
                .put("include_thoughts", true).put("thinking_budget", 1024);

        assertThat(normal(ChatRequestToGemini.request(request))).isEqualTo(json(TV07_EXPECTED));
    }

    @Test
    void tv07VariantWithoutASignatureSendsTheSentinelOnTheFirstCallOnly() throws ConversionException {
        ObjectNode request = object(TV07);
        ((ObjectNode) request.at("/messages/2/tool_calls/0")).remove("extra_content");

        JsonNode model = ChatRequestToGemini.request(request).at("/contents/1");

        assertThat(model.at("/parts/0/thoughtSignature").asString()).isEqualTo("skip_thought_signature_validator");
        assertThat(model.at("/parts/1").has("thoughtSignature")).isFalse();
    }

    @Test
    void aParallelBatchStaysInOneContentWithOneSignatureAndItsAnswersInAnother() throws ConversionException {
        ObjectNode request = object("""
                {"messages": [
                  {"role": "user", "content": "go"},
                  {"role": "assistant", "content": "", "tool_calls": [
                    {"id": "a", "type": "function", "function": {"name": "one", "arguments": ""},
                     "extra_content": {"google": {"thought_signature": "S"}}},
                    {"id": "b", "type": "function", "function": {"name": "two", "arguments": "null"}},
                    {"id": "c", "type": "function", "function": {"name": "three", "arguments": "{\\"x\\": [1]}"}}
                  ]},
                  {"role": "tool", "tool_call_id": "c", "content": "[1, 2]"},
                  {"role": "tool", "tool_call_id": "a", "content": [{"type": "text", "text": "done"}]},
                  {"role": "tool", "tool_call_id": "b", "content": "{not json"},
                  {"role": "user", "content": "and now?"}
                ]}""");

        JsonNode contents = ChatRequestToGemini.request(request).path("contents");

        assertThat(normal(contents)).isEqualTo(json("""
                [
                  {"role": "user", "parts": [{"text": "go"}]},
                  {"role": "model", "parts": [
                    {"functionCall": {"name": "one", "args": {}}, "thoughtSignature": "S"},
                    {"functionCall": {"name": "two", "args": {}}},
                    {"functionCall": {"name": "three", "args": {"x": [1]}}}
                  ]},
                  {"role": "user", "parts": [
                    {"functionResponse": {"name": "three", "response": {"result": [1, 2]}}},
                    {"functionResponse": {"name": "one", "response": {"content": "done"}}},
                    {"functionResponse": {"name": "two", "response": {"content": "{not json"}}}
                  ]},
                  {"role": "user", "parts": [{"text": "and now?"}]}
                ]"""));
    }

    @Test
    void contentsWithoutPartsAreDropped() throws ConversionException {
        ObjectNode request = object("""
                {"messages": [
                  {"role": "developer", "content": [{"type": "text", "text": "Rule one."}]},
                  {"role": "system", "content": "Rule two."},
                  {"role": "user", "content": ""},
                  {"role": "user", "content": [{"type": "text", "text": ""}]},
                  {"role": "assistant", "content": null},
                  {"role": "assistant", "content": ""},
                  {"role": "user", "content": "hi"}
                ]}""");

        JsonNode body = ChatRequestToGemini.request(request);

        assertThat(normal(body.path("contents"))).isEqualTo(json("[{\"role\": \"user\", \"parts\": [{\"text\": \"hi\"}]}]"));
        assertThat(body.at("/systemInstruction/parts/0/text").asString()).isEqualTo("Rule one.\nRule two.");
    }

    @Test
    void stopSequencesAreCutToFiveAndEmptyOnesDropped() throws ConversionException {
        ObjectNode request = object("""
                {"messages": [{"role": "user", "content": "x"}], "stop": ["a", "b", "", "c", "d", "e", "f"]}""");

        assertThat(normal(ChatRequestToGemini.request(request).at("/generationConfig/stopSequences")))
                .isEqualTo(json("[\"a\", \"b\", \"c\", \"d\", \"e\"]"));
    }

    @Test
    void generationSettingsMapOneToOne() throws ConversionException {
        ObjectNode request = object("""
                {"messages": [{"role": "user", "content": "x"}],
                 "temperature": 0.3, "top_p": 0.9, "max_tokens": 10, "max_completion_tokens": 20, "n": 2, "seed": 7,
                 "presence_penalty": 0.1, "frequency_penalty": 0.2, "user": "dropped", "metadata": {"a": "b"},
                 "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}}}""");

        JsonNode body = ChatRequestToGemini.request(request);

        assertThat(normal(body.path("generationConfig"))).isEqualTo(json("""
                {"temperature": 0.3, "topP": 0.9, "maxOutputTokens": 20, "candidateCount": 2, "seed": 7,
                 "presencePenalty": 0.1, "frequencyPenalty": 0.2,
                 "responseMimeType": "application/json", "responseJsonSchema": {"type": "object"}}"""));
        assertThat(body.has("safetySettings")).isFalse();
        assertThat(body.has("user")).isFalse();
    }

    @Test
    void jsonObjectFormatSetsOnlyTheMimeType() throws ConversionException {
        ObjectNode request = object("""
                {"messages": [{"role": "user", "content": "x"}], "response_format": {"type": "json_object"}}""");

        assertThat(normal(ChatRequestToGemini.request(request).path("generationConfig")))
                .isEqualTo(json("{\"responseMimeType\": \"application/json\"}"));
    }

    @Test
    void toolChoicesMapToCallingModes() throws ConversionException {
        Map<String, String> modes = Map.of("\"auto\"", "AUTO", "\"none\"", "NONE", "\"required\"", "ANY");
        for (Map.Entry<String, String> choice : modes.entrySet()) {
            ObjectNode request = object("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tool_choice\": "
                    + choice.getKey() + "}");
            assertThat(ChatRequestToGemini.request(request).at("/toolConfig/functionCallingConfig/mode").asString())
                    .as(choice.getKey()).isEqualTo(choice.getValue());
        }
    }

    @Test
    void aParameterlessToolGoesWithoutSchemaAndWebSearchBecomesGoogleSearch() throws ConversionException {
        ObjectNode request = object("""
                {"messages": [{"role": "user", "content": "x"}],
                 "tools": [{"type": "function", "function": {"name": "now", "parameters": {"type": "object", "properties": {}}}}],
                 "web_search_options": {}}""");

        assertThat(normal(ChatRequestToGemini.request(request).path("tools"))).isEqualTo(json("""
                [{"functionDeclarations": [{"name": "now"}]}, {"googleSearch": {}}]"""));
    }

    @Test
    void imagesGoInlineOrAsFileData() throws ConversionException {
        ObjectNode request = object("""
                {"messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is this?"},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.WEBP?size=2", "detail": "low"}},
                  {"type": "image_url", "image_url": {"url": "https://example.com/photo"}},
                  {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "mp3"}}
                ]}]}""");

        assertThat(normal(ChatRequestToGemini.request(request).at("/contents/0/parts"))).isEqualTo(json("""
                [{"text": "What is this?"},
                 {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
                 {"fileData": {"mimeType": "image/webp", "fileUri": "https://example.com/cat.WEBP?size=2"}},
                 {"fileData": {"mimeType": "image/jpeg", "fileUri": "https://example.com/photo"}},
                 {"inlineData": {"mimeType": "audio/mp3", "data": "UklGRg=="}}]"""));
    }

    @Test
    void whatGeminiCannotTakeIsRefused() {
        assertThatThrownBy(() -> ChatRequestToGemini.request(object("""
                {"messages": [{"role": "user", "content": [{"type": "file", "file": {"file_id": "file-1"}}]}]}""")))
                .isInstanceOf(ConversionException.class).hasMessageContaining("file_id");
        assertThatThrownBy(() -> ChatRequestToGemini.request(object("""
                {"messages": [{"role": "tool", "tool_call_id": "nowhere", "content": "x"}]}""")))
                .isInstanceOf(ConversionException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> ChatRequestToGemini.request(object("""
                {"messages": [{"role": "assistant", "tool_calls": [
                  {"id": "a", "type": "function", "function": {"name": "f", "arguments": "[1]"}}]}]}""")))
                .isInstanceOf(ConversionException.class).hasMessageContaining("JSON object");
    }

    // --------------------------------------------------------------------------------------------------- response

    @Test
    void tv09GeminiUsage() {
        JsonNode answer = json("""
                {"candidates": [{"content": {"role": "model", "parts": [{"text": "ok"}]}, "finishReason": "STOP"}],
                 "usageMetadata": {"promptTokenCount": 1200, "cachedContentTokenCount": 1024, "candidatesTokenCount": 30,
                   "thoughtsTokenCount": 90, "toolUsePromptTokenCount": 0, "totalTokenCount": 1320}}""");

        assertThat(normal(ChatRequestToGemini.response(answer, "gemini-2.5-flash").path("usage"))).isEqualTo(json("""
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

        JsonNode completion = ChatRequestToGemini.response(answer, "my-model");

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
            assertThat(ChatRequestToGemini.response(answer, "m").at("/choices/0/finish_reason").asString())
                    .as(row.getKey()).isEqualTo(row.getValue());
        }
        JsonNode calls = json("""
                {"candidates": [{"content": {"parts": [{"functionCall": {"name": "f", "args": {}}}]},
                 "finishReason": "MAX_TOKENS"}]}""");
        assertThat(ChatRequestToGemini.response(calls, "m").at("/choices/0/finish_reason").asString()).isEqualTo("length");
    }

    @Test
    void aBlockedPromptIsAnEmptyFilteredAnswer() {
        JsonNode blocked = json("""
                {"promptFeedback": {"blockReason": "SAFETY"},
                 "usageMetadata": {"promptTokenCount": 7, "totalTokenCount": 7}}""");

        JsonNode completion = ChatRequestToGemini.response(blocked, "m");

        assertThat(completion.at("/choices/0/message/content").asString()).isEmpty();
        assertThat(completion.at("/choices/0/finish_reason").asString()).isEqualTo("content_filter");
        assertThat(completion.at("/usage/prompt_tokens").asLong()).isEqualTo(7);

        ChatRequestToGemini.Stream stream = new ChatRequestToGemini.Stream("m", false);
        List<SseEvent> out = stream.onEvent(new SseEvent(null, blocked.toString()));
        assertThat(out).hasSize(3);
        assertThat(json(out.get(1).data()).at("/choices/0/finish_reason").asString()).isEqualTo("content_filter");
        assertThat(out.get(2).data()).isEqualTo("[DONE]");
        assertThat(stream.finished()).isTrue();
    }

    // ----------------------------------------------------------------------------------------------------- stream

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
     * TV-08's expected payloads without the envelope (id, object, created, model), tool-call ids replaced; the first
     * call also carries SIG1 in {@code extra_content} (§12.5: the client hands it back with the call).
     */
    private static final List<String> TV08_OUT = List.of("""
            {"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""", """
            {"choices":[{"index":0,"delta":{"reasoning_content":"Checking"},"finish_reason":null}]}""", """
            {"choices":[{"index":0,"delta":{"content":"Let me look."},"finish_reason":null}]}""", """
            {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"<genA>","type":"function",\
            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},\
            "extra_content":{"google":{"thought_signature":"SIG1"}}},{"index":1,"id":"<genB>","type":"function",\
            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},"finish_reason":null}]}""", """
            {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""", """
            {"choices":[],"usage":{"prompt_tokens":50,"completion_tokens":50,"total_tokens":100,\
            "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":30}}}""");

    private static List<SseEvent> feed(ChatRequestToGemini.Stream stream, List<String> payloads) {
        List<SseEvent> out = new ArrayList<>();
        for (String payload : payloads) {
            out.addAll(stream.onEvent(new SseEvent(null, payload)));
        }
        return out;
    }

    @Test
    void tv08() {
        ChatRequestToGemini.Stream stream = new ChatRequestToGemini.Stream("gemini-2.5-flash", true);

        List<SseEvent> out = feed(stream, TV08_IN);

        assertThat(out).hasSize(TV08_OUT.size() + 1);
        assertThat(out).allSatisfy(event -> assertThat(event.name()).isNull());
        assertThat(out.getLast().data()).isEqualTo("[DONE]");
        String id = json(out.getFirst().data()).path("id").asString();
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < TV08_OUT.size(); i++) {
            ObjectNode chunk = (ObjectNode) json(out.get(i).data());
            assertThat(chunk.path("id").asString()).isEqualTo(id).isNotEmpty();
            assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("model").asString()).isEqualTo("gemini-2.5-flash");
            assertThat(chunk.path("created").isNumber()).isTrue();
            chunk.remove(List.of("id", "object", "created", "model"));
            for (JsonNode call : chunk.at("/choices/0/delta/tool_calls")) {
                generated.add(call.path("id").asString());
                ((ObjectNode) call).put("id", generated.size() == 1 ? "<genA>" : "<genB>");
            }
            assertThat(chunk).as("chunk %d", i).isEqualTo(json(TV08_OUT.get(i)));
        }
        assertThat(generated).hasSize(2).doesNotHaveDuplicates().allSatisfy(g -> assertThat(g).startsWith("call_"));
        assertThat(stream.finished()).isTrue();
        assertThat(stream.onEvent(new SseEvent(null, TV08_IN.getFirst()))).isEmpty();
    }

    @Test
    void toolIndicesKeepCountingAcrossChunksAndUsageNeedsTheOption() {
        ChatRequestToGemini.Stream stream = new ChatRequestToGemini.Stream("m", false);

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

            ChatRequestToGemini.Stream stream = new ChatRequestToGemini.Stream("m", true);
            Assembled streamed = Assembled.of(feed(stream, payloads));
            JsonNode expected = ChatRequestToGemini.response(whole, "m");
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
                ObjectNode withoutId = call.deepCopy();
                withoutId.remove("id");
                ObjectNode wholeWithoutId = ((ObjectNode) wholeCalls.get(index++)).deepCopy();
                wholeWithoutId.remove("id");
                assertThat(normal(withoutId)).as("seed %d", seed).isEqualTo(normal(wholeWithoutId));
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

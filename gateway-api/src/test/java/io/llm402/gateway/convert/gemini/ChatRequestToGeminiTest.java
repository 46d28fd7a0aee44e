package io.llm402.gateway.convert.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.gateway.convert.ConversionException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** api-formats §12.1 and TV-07: Chat requests as Gemini requests. */
class ChatRequestToGeminiTest {

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

        assertThat(normal(ChatRequestToGemini.convert(object(TV07)))).isEqualTo(expected);
    }

    @Test
    void tv07ExactlyWhenTheCallerSetsThinkingConfig() throws ConversionException {
        ObjectNode request = object(TV07);
        request.putObject("extra_body").putObject("google").putObject("thinking_config")
                .put("include_thoughts", true).put("thinking_budget", 1024);

        assertThat(normal(ChatRequestToGemini.convert(request))).isEqualTo(json(TV07_EXPECTED));
    }

    @Test
    void tv07VariantWithoutASignatureSendsTheSentinelOnTheFirstCallOnly() throws ConversionException {
        ObjectNode request = object(TV07);
        ((ObjectNode) request.at("/messages/2/tool_calls/0")).remove("extra_content");

        JsonNode model = ChatRequestToGemini.convert(request).at("/contents/1");

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

        JsonNode contents = ChatRequestToGemini.convert(request).path("contents");

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

        JsonNode body = ChatRequestToGemini.convert(request);

        assertThat(normal(body.path("contents"))).isEqualTo(json("[{\"role\": \"user\", \"parts\": [{\"text\": \"hi\"}]}]"));
        assertThat(body.at("/systemInstruction/parts/0/text").asString()).isEqualTo("Rule one.\nRule two.");
    }

    @Test
    void stopSequencesAreCutToFiveAndEmptyOnesDropped() throws ConversionException {
        ObjectNode request = object("""
                {"messages": [{"role": "user", "content": "x"}], "stop": ["a", "b", "", "c", "d", "e", "f"]}""");

        assertThat(normal(ChatRequestToGemini.convert(request).at("/generationConfig/stopSequences")))
                .isEqualTo(json("[\"a\", \"b\", \"c\", \"d\", \"e\"]"));
    }

    @Test
    void generationSettingsMapOneToOne() throws ConversionException {
        ObjectNode request = object("""
                {"messages": [{"role": "user", "content": "x"}],
                 "temperature": 0.3, "top_p": 0.9, "max_tokens": 10, "max_completion_tokens": 20, "n": 2, "seed": 7,
                 "presence_penalty": 0.1, "frequency_penalty": 0.2, "user": "dropped", "metadata": {"a": "b"},
                 "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}}}""");

        JsonNode body = ChatRequestToGemini.convert(request);

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

        assertThat(normal(ChatRequestToGemini.convert(request).path("generationConfig")))
                .isEqualTo(json("{\"responseMimeType\": \"application/json\"}"));
    }

    @Test
    void toolChoicesMapToCallingModes() throws ConversionException {
        Map<String, String> modes = Map.of("\"auto\"", "AUTO", "\"none\"", "NONE", "\"required\"", "ANY");
        for (Map.Entry<String, String> choice : modes.entrySet()) {
            ObjectNode request = object("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tool_choice\": "
                    + choice.getKey() + "}");
            assertThat(ChatRequestToGemini.convert(request).at("/toolConfig/functionCallingConfig/mode").asString())
                    .as(choice.getKey()).isEqualTo(choice.getValue());
        }
    }

    @Test
    void aParameterlessToolGoesWithoutSchemaAndWebSearchBecomesGoogleSearch() throws ConversionException {
        ObjectNode request = object("""
                {"messages": [{"role": "user", "content": "x"}],
                 "tools": [{"type": "function", "function": {"name": "now", "parameters": {"type": "object", "properties": {}}}}],
                 "web_search_options": {}}""");

        assertThat(normal(ChatRequestToGemini.convert(request).path("tools"))).isEqualTo(json("""
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

        assertThat(normal(ChatRequestToGemini.convert(request).at("/contents/0/parts"))).isEqualTo(json("""
                [{"text": "What is this?"},
                 {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
                 {"fileData": {"mimeType": "image/webp", "fileUri": "https://example.com/cat.WEBP?size=2"}},
                 {"fileData": {"mimeType": "image/jpeg", "fileUri": "https://example.com/photo"}},
                 {"inlineData": {"mimeType": "audio/mp3", "data": "UklGRg=="}}]"""));
    }

    @Test
    void whatGeminiCannotTakeIsRefused() {
        assertThatThrownBy(() -> ChatRequestToGemini.convert(object("""
                {"messages": [{"role": "user", "content": [{"type": "file", "file": {"file_id": "file-1"}}]}]}""")))
                .isInstanceOf(ConversionException.class).hasMessageContaining("file_id");
        assertThatThrownBy(() -> ChatRequestToGemini.convert(object("""
                {"messages": [{"role": "tool", "tool_call_id": "nowhere", "content": "x"}]}""")))
                .isInstanceOf(ConversionException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> ChatRequestToGemini.convert(object("""
                {"messages": [{"role": "assistant", "tool_calls": [
                  {"id": "a", "type": "function", "function": {"name": "f", "arguments": "[1]"}}]}]}""")))
                .isInstanceOf(ConversionException.class).hasMessageContaining("JSON object");
    }
}

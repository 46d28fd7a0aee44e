package io.llm402.gateway.convert.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.gateway.convert.ConversionException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** api-formats §3.5: Responses requests as Chat requests. */
class ResponsesRequestToChatTest {

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

    @Test
    void theMappingTableOfSection3_5() throws ConversionException {
        ObjectNode request = object("""
                {
                  "model": "gpt-5-mini",
                  "instructions": "Be brief.",
                  "input": [
                    {"type": "message", "role": "user", "content": [
                      {"type": "input_text", "text": "Weather?"},
                      {"type": "input_image", "image_url": "https://example.com/sky.png", "detail": "low"}]},
                    {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "hm"}]},
                    {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Checking."}]},
                    {"type": "reasoning", "id": "rs_2", "summary": []},
                    {"type": "function_call", "call_id": "call_1", "name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"},
                    {"type": "function_call", "call_id": "call_2", "name": "get_time", "arguments": ""},
                    {"type": "function_call_output", "call_id": "call_1", "output": "18C"},
                    {"type": "function_call_output", "call_id": "call_2", "output": [{"type": "input_text", "text": "noon"}]},
                    {"role": "user", "content": "Thanks"},
                    {"type": "function_call", "call_id": "call_3", "name": "get_time", "arguments": "{}"}
                  ],
                  "tools": [{"type": "function", "name": "get_weather", "description": "Weather",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}, "strict": true}],
                  "tool_choice": {"type": "function", "name": "get_weather"},
                  "max_output_tokens": 300,
                  "reasoning": {"effort": "low", "summary": "auto"},
                  "text": {"format": {"type": "json_schema", "name": "w", "schema": {"type": "object"}, "strict": true}},
                  "temperature": 0.5, "top_p": 0.9, "parallel_tool_calls": false, "metadata": {"k": "v"}, "user": "u1",
                  "store": true, "include": ["reasoning.encrypted_content"], "stream": true
                }""");

        ObjectNode chat = ResponsesRequestToChat.convert(request, "upstream-model");

        assertThat(normal(chat)).isEqualTo(json("""
                {
                  "model": "upstream-model",
                  "messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": [
                      {"type": "text", "text": "Weather?"},
                      {"type": "image_url", "image_url": {"url": "https://example.com/sky.png", "detail": "low"}}]},
                    {"role": "assistant", "content": "Checking.", "tool_calls": [
                      {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
                      {"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}]},
                    {"role": "tool", "tool_call_id": "call_1", "content": "18C"},
                    {"role": "tool", "tool_call_id": "call_2", "content": "noon"},
                    {"role": "user", "content": "Thanks"},
                    {"role": "assistant", "content": null, "tool_calls": [
                      {"id": "call_3", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}]}
                  ],
                  "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}, "strict": true}}],
                  "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
                  "max_completion_tokens": 300,
                  "reasoning_effort": "low",
                  "response_format": {"type": "json_schema", "json_schema": {"name": "w", "schema": {"type": "object"}, "strict": true}},
                  "temperature": 0.5, "top_p": 0.9, "parallel_tool_calls": false, "metadata": {"k": "v"}, "user": "u1",
                  "stream": true, "stream_options": {"include_usage": true}
                }"""));
    }

    @Test
    void aStringInputIsOneUserMessage() throws ConversionException {
        ObjectNode chat = ResponsesRequestToChat.convert(object("""
                {"model": "m", "input": "Hi", "tool_choice": "required", "text": {"format": {"type": "json_object"}}}"""),
                "up");

        assertThat(normal(chat)).isEqualTo(json("""
                {"model": "up", "messages": [{"role": "user", "content": "Hi"}], "tool_choice": "required",
                 "response_format": {"type": "json_object"}}"""));
    }

    @Test
    void conversationStateIsRefused() {
        assertThatThrownBy(() -> ResponsesRequestToChat.convert(object("""
                {"model": "m", "input": "Hi", "previous_response_id": "resp_1"}"""), "up"))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("previous_response_id")
                .hasMessageContaining("not supported for this model: the gateway keeps no conversation state");
        assertThatThrownBy(() -> ResponsesRequestToChat.convert(object("""
                {"model": "m", "input": "Hi", "conversation": "conv_1"}"""), "up"))
                .isInstanceOf(ConversionException.class).hasMessageContaining("conversation");
        assertThatThrownBy(() -> ResponsesRequestToChat.convert(object("""
                {"model": "m", "input": [{"type": "item_reference", "id": "msg_1"}]}"""), "up"))
                .isInstanceOf(ConversionException.class).hasMessageContaining("no conversation state");
    }

    @Test
    void hostedToolsAreRefused() {
        assertThatThrownBy(() -> ResponsesRequestToChat.convert(object("""
                {"model": "m", "input": "Hi", "tools": [{"type": "web_search"}]}"""), "up"))
                .isInstanceOf(ConversionException.class).hasMessageContaining("web_search");
    }
}

package io.llm402.gateway.convert.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.convert.Fixed;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** api-formats §3.3, §3.5 and the Responses row of TV-09: whole chat completions as Responses objects. */
class ChatAnswerToResponsesTest {

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

    /** A clock an hour after the completions' {@code created}, so that a test sees which of the two is used. */
    private static final Clock LATER = Clock.offset(Fixed.CLOCK, Duration.ofHours(1));

    private static JsonNode convert(JsonNode completion, ObjectNode request) {
        return ChatAnswerToResponses.convert(completion, request, LATER, Fixed.ids());
    }

    @Test
    void tv09ResponsesUsage() {
        JsonNode completion = json("""
                {"id": "c", "object": "chat.completion", "created": 1764000000,
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 1200, "completion_tokens": 80, "total_tokens": 1280,
                   "prompt_tokens_details": {"cached_tokens": 1024},
                   "completion_tokens_details": {"reasoning_tokens": 40}}}""");

        JsonNode response = convert(completion, object("{\"model\": \"gpt-5\"}"));

        assertThat(normal(response.path("usage"))).isEqualTo(json("""
                {"input_tokens": 1200, "input_tokens_details": {"cached_tokens": 1024},
                 "output_tokens": 80, "output_tokens_details": {"reasoning_tokens": 40}, "total_tokens": 1280}"""));
    }

    @Test
    void aCompletionBecomesReasoningMessageAndCallItems() {
        JsonNode completion = json("""
                {"id": "c", "created": 1764000000, "choices": [{"index": 0, "message": {"role": "assistant",
                   "content": "Checking.", "reasoning_content": "Thinking about weather.",
                   "tool_calls": [{"id": "call_1", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]},
                   "finish_reason": "tool_calls"}]}""");

        JsonNode response = convert(completion,
                object("{\"model\": \"gpt-5\", \"instructions\": \"Be brief.\"}"));

        // created_at is the completion's; what the request did not set takes the API's defaults.
        assertThat(normal(response)).isEqualTo(json("""
                {"id": "resp_1", "object": "response", "created_at": 1764000000, "status": "completed",
                 "error": null, "incomplete_details": null, "instructions": "Be brief.", "max_output_tokens": null,
                 "model": "gpt-5",
                 "output": [
                   {"id": "rs_1", "type": "reasoning",
                    "summary": [{"type": "summary_text", "text": "Thinking about weather."}]},
                   {"id": "msg_1", "type": "message", "status": "completed", "role": "assistant",
                    "content": [{"type": "output_text", "text": "Checking.", "annotations": []}]},
                   {"id": "fc_1", "type": "function_call", "status": "completed", "call_id": "call_1",
                    "name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}],
                 "parallel_tool_calls": true, "reasoning": null, "temperature": null, "text": null,
                 "tool_choice": "auto", "tools": [], "top_p": null, "metadata": {}, "store": false, "usage": null}"""));
    }

    @Test
    void aCutShortCompletionIsIncomplete() {
        JsonNode completion = json("""
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": "Once upon"},
                  "finish_reason": "length"}]}""");

        JsonNode response = convert(completion, object("{\"model\": \"m\"}"));

        assertThat(response.path("status").asString()).isEqualTo("incomplete");
        assertThat(response.at("/incomplete_details/reason").asString()).isEqualTo("max_output_tokens");
        assertThat(response.at("/output/0/status").asString()).isEqualTo("incomplete");
        assertThat(response.path("created_at").asLong()).isEqualTo(LATER.instant().getEpochSecond());
    }
}

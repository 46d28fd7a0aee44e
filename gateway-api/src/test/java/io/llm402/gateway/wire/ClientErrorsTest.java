package io.llm402.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** TV-12: one failure, three client shapes. */
class ClientErrorsTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static JsonNode body(WireFormat format, Failure failure, String message, String code) {
        return JSON.readTree(ClientErrors.body(format, failure, failure.status(format), message, code, "req_1"));
    }

    @Test
    void anUpstreamOverloadIs529ForClaudeAnd503ForTheOthers() {
        assertThat(Failure.ofUpstreamStatus(529)).isEqualTo(Failure.OVERLOADED);
        assertThat(Failure.OVERLOADED.status(WireFormat.CLAUDE)).isEqualTo(529);
        assertThat(Failure.OVERLOADED.status(WireFormat.OPENAI)).isEqualTo(503);
        assertThat(Failure.OVERLOADED.status(WireFormat.GEMINI)).isEqualTo(503);
        assertThat(body(WireFormat.OPENAI, Failure.OVERLOADED, "Overloaded", "overloaded")).isEqualTo(JSON.readTree("""
                {"error":{"message":"Overloaded","type":"server_error","param":null,"code":"overloaded"}}"""));
        assertThat(body(WireFormat.CLAUDE, Failure.OVERLOADED, "Overloaded", null)).isEqualTo(JSON.readTree("""
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}"""));
        assertThat(body(WireFormat.GEMINI, Failure.OVERLOADED, "Overloaded", null)).isEqualTo(JSON.readTree("""
                {"error":{"code":503,"message":"Overloaded","status":"UNAVAILABLE","details":[]}}"""));
    }

    @Test
    void insufficientBalanceIs402InEveryShape() {
        assertThat(body(WireFormat.OPENAI, Failure.PAYMENT_REQUIRED, "Insufficient balance", "insufficient_quota"))
                .isEqualTo(JSON.readTree("""
                        {"error":{"message":"Insufficient balance","type":"insufficient_quota","param":null,
                                  "code":"insufficient_quota"}}"""));
        assertThat(body(WireFormat.CLAUDE, Failure.PAYMENT_REQUIRED, "Insufficient balance", null)
                .path("error").path("type").asString()).isEqualTo("billing_error");
        assertThat(body(WireFormat.GEMINI, Failure.PAYMENT_REQUIRED, "Insufficient balance", null))
                .isEqualTo(JSON.readTree("""
                        {"error":{"code":402,"message":"Insufficient balance","status":"RESOURCE_EXHAUSTED",
                                  "details":[]}}"""));
    }

    @Test
    void inStreamErrorsFollowEachFormatsConvention() {
        assertThat(new String(ClientErrors.streamEvent(WireFormat.CLAUDE, Failure.UPSTREAM, "cut", null),
                StandardCharsets.UTF_8)).startsWith("event: error\ndata: {\"type\":\"error\"").endsWith("\n\n");
        assertThat(new String(ClientErrors.streamEvent(WireFormat.OPENAI, Failure.UPSTREAM, "cut", "x"),
                StandardCharsets.UTF_8)).startsWith("data: {\"error\":{\"message\":\"cut\",\"type\":\"server_error\"")
                .endsWith("\n\n");
        assertThat(new String(ClientErrors.streamEvent(WireFormat.GEMINI, Failure.UPSTREAM, "cut", null),
                StandardCharsets.UTF_8)).startsWith("data: {\"error\":{\"code\":502").endsWith("\n\n");
    }
}

package io.llm402.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.gateway.wire.StreamMeter.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tool-use fixture of api-formats §5.4. */
class ClaudeStreamMeterTest {

    @Test
    void usageComesFromMessageStartAndTheCumulativeDeltaAndMessageStopIsFinal() {
        ClaudeStreamMeter meter = new ClaudeStreamMeter();
        assertThat(meter.inspect(new SseEvent("message_start", """
                {"type":"message_start","message":{"id":"msg_019Q","type":"message","role":"assistant",
                 "model":"claude-opus-4-8","content":[],"stop_reason":null,"stop_sequence":null,
                 "usage":{"input_tokens":377,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                 "output_tokens":1,"service_tier":"standard"}}}"""))).isEqualTo(Verdict.FORWARD);
        meter.inspect(new SseEvent("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        assertThat(meter.inspect(new SseEvent("ping", "{\"type\": \"ping\"}"))).isEqualTo(Verdict.FORWARD);
        meter.inspect(new SseEvent("content_block_delta", """
                {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I'll check."}}"""));
        meter.inspect(new SseEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        meter.inspect(new SseEvent("message_delta", """
                {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},
                 "usage":{"output_tokens":65}}"""));
        assertThat(meter.inspect(new SseEvent("message_stop", "{\"type\":\"message_stop\"}")))
                .isEqualTo(Verdict.FINAL);
        assertThat(meter.usage()).isEqualTo(new CanonicalUsage(377, 0, 0, 65, 0, UsageBasis.UPSTREAM));
        assertThat(meter.outputText()).isEqualTo("I'll check.");
    }

    @Test
    void anUpstreamErrorEventBecomesTheOneErrorTheClientSees() {
        ClaudeStreamMeter meter = new ClaudeStreamMeter();
        assertThat(meter.inspect(new SseEvent("error",
                "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}")))
                .isEqualTo(Verdict.DROP);
        assertThat(new String(meter.failure("cut"), StandardCharsets.UTF_8))
                .isEqualTo("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                        + "\"message\":\"Overloaded\"}}\n\n");
    }
}

package io.llm402.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.gateway.wire.StreamMeter.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ResponsesStreamMeterTest {

    @Test
    void completedIsFinalAndCarriesTheUsage() {
        ResponsesStreamMeter meter = new ResponsesStreamMeter();
        assertThat(meter.inspect(new SseEvent("response.created",
                "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"status\":\"in_progress\"}}")))
                .isEqualTo(Verdict.FORWARD);
        meter.inspect(new SseEvent("response.output_text.delta",
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":4,\"delta\":\"Hi\"}"));
        assertThat(meter.inspect(new SseEvent("response.completed", """
                {"type":"response.completed","sequence_number":8,"response":{"status":"completed","usage":
                 {"input_tokens":1200,"input_tokens_details":{"cached_tokens":1024},"output_tokens":80,
                  "output_tokens_details":{"reasoning_tokens":40},"total_tokens":1280}}}""")))
                .isEqualTo(Verdict.FINAL);
        assertThat(meter.usage()).isEqualTo(new CanonicalUsage(176, 1024, 0, 80, 40, UsageBasis.UPSTREAM));
        assertThat(meter.outputText()).isEqualTo("Hi");
    }

    @Test
    void anInterruptedStreamEndsWithAnErrorEventNumberedAfterTheLast() {
        ResponsesStreamMeter meter = new ResponsesStreamMeter();
        meter.inspect(new SseEvent("response.output_text.delta",
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":6,\"delta\":\"Hi\"}"));
        String event = new String(meter.failure("cut"), StandardCharsets.UTF_8);
        assertThat(event).startsWith("event: error\ndata: ").endsWith("\n\n");
        assertThat(JsonMapper.shared().readTree(event.substring(event.indexOf('{'))).path("sequence_number").asInt())
                .isEqualTo(7);
    }
}

package io.llm402.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.gateway.wire.StreamMeter.Verdict;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The stream fixture of api-formats §6.4. */
class GeminiStreamMeterTest {

    private static final SseEvent FIRST = new SseEvent(null, """
            {"candidates": [{"content": {"parts": [{"text": "The"}],"role": "model"},"index": 0}],\
            "usageMetadata": {"promptTokenCount": 8,"totalTokenCount": 8},"modelVersion": "gemini-2.5-flash"}""");
    private static final SseEvent LAST = new SseEvent(null, """
            {"candidates": [{"content": {"parts": [{"text": " answer"}],"role": "model"},"finishReason": "STOP",\
            "index": 0}],"usageMetadata": {"promptTokenCount": 8,"candidatesTokenCount": 2,"totalTokenCount": 10},\
            "modelVersion": "gemini-2.5-flash"}""");

    @Test
    void theChunkWithAFinishReasonIsFinalAndTheLastUsageWins() {
        GeminiStreamMeter meter = new GeminiStreamMeter(true);
        assertThat(meter.inspect(FIRST)).isEqualTo(Verdict.FORWARD);
        assertThat(meter.inspect(LAST)).isEqualTo(Verdict.FINAL);
        assertThat(meter.usage()).isEqualTo(new CanonicalUsage(8, 0, 0, 2, 0, UsageBasis.UPSTREAM));
        assertThat(meter.outputText()).isEqualTo("The answer");
        assertThat(new String(meter.frame(LAST), StandardCharsets.UTF_8)).startsWith("data: {").endsWith("}\n\n");
    }

    @Test
    void withoutAltSseTheClientGetsOneJsonArray() {
        GeminiStreamMeter meter = new GeminiStreamMeter(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        meter.inspect(FIRST);
        out.writeBytes(meter.frame(FIRST));
        meter.inspect(LAST);
        out.writeBytes(meter.frame(LAST));
        out.writeBytes(meter.epilogue());
        assertThat(meter.contentType()).startsWith("application/json");
        assertThat(JsonMapper.shared().readTree(out.toByteArray()).size()).isEqualTo(2);
    }
}

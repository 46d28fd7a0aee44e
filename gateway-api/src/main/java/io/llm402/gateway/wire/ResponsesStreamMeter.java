package io.llm402.gateway.wire;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.metering.UsageNormaliser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Responses streams: typed events with {@code event:} names and {@code sequence_number}s; the stream ends with
 * {@code response.completed}, {@code response.incomplete} or {@code response.failed}, whose {@code response.usage} is
 * the charge's basis (api-formats §3.4).
 */
public final class ResponsesStreamMeter implements StreamMeter {

    private final StringBuilder output = new StringBuilder();
    private @Nullable CanonicalUsage usage;
    private long lastSequence = -1;

    @Override
    public Verdict inspect(SseEvent event) {
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (JacksonException e) {
            return Verdict.FORWARD;
        }
        String type = data.path("type").asString(event.name() == null ? "" : event.name());
        lastSequence = Math.max(lastSequence, data.path("sequence_number").asLong(lastSequence));
        switch (type) {
            case "response.output_text.delta", "response.refusal.delta" -> output.append(data.path("delta")
                    .asString(""));
            case "response.completed", "response.incomplete", "response.failed" -> {
                CanonicalUsage reported = UsageNormaliser.openAiResponses(data.path("response").get("usage"));
                if (reported != null) {
                    usage = reported;
                }
                return Verdict.FINAL;
            }
            default -> {
            }
        }
        return Verdict.FORWARD;
    }

    @Override
    public @Nullable CanonicalUsage usage() {
        return usage;
    }

    @Override
    public String outputText() {
        return output.toString();
    }

    /** A stream-level {@code error} event numbered after the last event the client saw (api-formats §10.4). */
    @Override
    public byte[] failure(String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("code", "stream_interrupted");
        error.put("message", message);
        error.put("param", null);
        error.put("sequence_number", lastSequence + 1);
        return ("event: error\ndata: " + Json.MAPPER.writeValueAsString(error) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}

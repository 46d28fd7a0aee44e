package io.llm402.gateway.wire;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.metering.UsageNormaliser;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Claude Messages streams: named events ending in {@code message_stop}; usage from {@code message_start} and the
 * cumulative {@code message_delta} (api-formats §5.4). An upstream {@code error} event is held so that the client gets
 * exactly one error, after the charge.
 */
public final class ClaudeStreamMeter implements StreamMeter {

    private final UsageNormaliser.ClaudeStreamUsage usage = new UsageNormaliser.ClaudeStreamUsage();
    private final StringBuilder output = new StringBuilder();
    private @Nullable String upstreamError;
    private Failure upstreamFailure = Failure.UPSTREAM;

    @Override
    public Verdict inspect(SseEvent event) {
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (JacksonException e) {
            return Verdict.FORWARD;
        }
        String type = data.path("type").asString(event.name() == null ? "" : event.name());
        switch (type) {
            case "message_start" -> usage.add(data.path("message").get("usage"));
            case "message_delta" -> usage.add(data.get("usage"));
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                output.append(delta.path("text").asString("")).append(delta.path("thinking").asString(""))
                        .append(delta.path("partial_json").asString(""));
            }
            case "message_stop" -> {
                return Verdict.FINAL;
            }
            case "error" -> {
                upstreamError = data.path("error").path("message").asString("upstream error");
                if (data.path("error").path("type").asString("").equals("overloaded_error")) {
                    upstreamFailure = Failure.OVERLOADED;
                }
                return Verdict.DROP;
            }
            default -> {
            }
        }
        return Verdict.FORWARD;
    }

    @Override
    public @Nullable CanonicalUsage usage() {
        return usage.usage();
    }

    @Override
    public String outputText() {
        return output.toString();
    }

    @Override
    public boolean failed() {
        return upstreamError != null;
    }

    @Override
    public byte[] failure(String message) {
        return upstreamError != null
                ? ClientErrors.streamEvent(WireFormat.CLAUDE, upstreamFailure, upstreamError, null)
                : ClientErrors.streamEvent(WireFormat.CLAUDE, Failure.UPSTREAM, message, null);
    }
}

package io.llm402.gateway.wire;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.metering.UsageNormaliser;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Gemini streams (api-formats §6.4): each event a whole response with only the new parts, cumulative
 * {@code usageMetadata}, {@code finishReason} on the last, which is held until the charge is durable. The upstream is
 * always read as SSE; a client that did not ask for {@code alt=sse} gets Gemini's streamed JSON array instead.
 */
public final class GeminiStreamMeter implements StreamMeter {

    private final boolean sse;
    private final StringBuilder output = new StringBuilder();
    private @Nullable CanonicalUsage usage;
    private boolean first = true;

    public GeminiStreamMeter(boolean sse) {
        this.sse = sse;
    }

    @Override
    public Verdict inspect(SseEvent event) {
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(event.data());
        } catch (JacksonException e) {
            return Verdict.FORWARD;
        }
        output.append(text(chunk));
        CanonicalUsage reported = UsageNormaliser.gemini(chunk.get("usageMetadata"));
        if (reported != null) {
            usage = reported;
        }
        // A prompt blocked by the safety filter ends the stream with no candidate at all.
        boolean blocked = chunk.path("promptFeedback").path("blockReason").isString()
                && chunk.path("candidates").isEmpty();
        return chunk.path("candidates").path(0).path("finishReason").isString() || blocked ? Verdict.FINAL
                : Verdict.FORWARD;
    }

    @Override
    public byte[] frame(SseEvent event) {
        if (sse) {
            return event.frame();
        }
        String framed = (first ? "[" : ",\r\n") + event.data();
        first = false;
        return framed.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte @Nullable [] epilogue() {
        return sse ? null : (first ? "[]" : "]").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String contentType() {
        return sse ? "text/event-stream;charset=UTF-8" : "application/json;charset=UTF-8";
    }

    @Override
    public @Nullable CanonicalUsage usage() {
        return usage;
    }

    @Override
    public String outputText() {
        return output.toString();
    }

    @Override
    public byte[] failure(String message) {
        byte[] event = ClientErrors.streamEvent(WireFormat.GEMINI, Failure.UPSTREAM, message, null);
        if (sse) {
            return event;
        }
        // Inside the array: the error object as the last element, then the array closes.
        String json = new String(event, StandardCharsets.UTF_8).substring("data: ".length()).trim();
        return ((first ? "[" : ",\r\n") + json + "]").getBytes(StandardCharsets.UTF_8);
    }

    public static String text(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : response.path("candidates").path(0).path("content").path("parts")) {
            text.append(part.path("text").asString(""));
            if (part.has("functionCall")) {
                text.append(part.path("functionCall"));
            }
        }
        return text.toString();
    }
}

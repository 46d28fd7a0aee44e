package io.llm402.gateway.wire;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.metering.UsageNormaliser;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Chat Completions and Completions streams: {@code data:} chunks ending in {@code [DONE]} (api-formats §2.4). */
public final class ChatStreamMeter implements StreamMeter {

    private final boolean legacy;
    private final boolean clientWantsUsage;
    private final StringBuilder output = new StringBuilder();
    private @Nullable CanonicalUsage usage;
    private @Nullable String upstreamError;

    public ChatStreamMeter(boolean legacy, boolean clientWantsUsage) {
        this.legacy = legacy;
        this.clientWantsUsage = clientWantsUsage;
    }

    @Override
    public Verdict inspect(SseEvent event) {
        if (event.data().equals("[DONE]")) {
            return Verdict.FINAL;
        }
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(event.data());
        } catch (JacksonException e) {
            return Verdict.FORWARD;
        }
        if (chunk.path("error").isObject()) {
            // One error reaches the client, after the charge: the upstream's message in our in-band error event.
            upstreamError = chunk.path("error").path("message").asString("upstream error");
            return Verdict.DROP;
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode text = legacy ? choice.path("text") : choice.path("delta").path("content");
        if (text.isString()) {
            output.append(text.asString());
        }
        CanonicalUsage reported = UsageNormaliser.openAiChat(chunk.get("usage"));
        if (reported != null) {
            usage = reported;
            boolean usageOnly = chunk.path("choices").isArray() && chunk.path("choices").isEmpty();
            return usageOnly && !clientWantsUsage ? Verdict.DROP : Verdict.FORWARD;
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

    @Override
    public boolean failed() {
        return upstreamError != null;
    }

    @Override
    public byte[] failure(String message) {
        return ClientErrors.streamEvent(WireFormat.OPENAI, Failure.UPSTREAM,
                upstreamError != null ? upstreamError : message, "stream_interrupted");
    }
}

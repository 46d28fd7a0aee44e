package io.llm402.gateway.openai;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.metering.UsageNormaliser;
import io.llm402.gateway.relay.ApiCall;
import io.llm402.gateway.relay.BadRequestException;
import io.llm402.gateway.relay.ClientApi;
import io.llm402.gateway.relay.JsonBodies;
import io.llm402.gateway.relay.Operation;
import io.llm402.gateway.relay.StreamMeter;
import io.llm402.gateway.upstream.Providers;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/chat/completions} and the legacy {@code POST /v1/completions}: the same wire rules (usage, SSE with
 * {@code [DONE]}), differing in where the prompt and the output text are.
 */
final class ChatCompletionsApi implements ClientApi {

    private final boolean legacy;
    private final TokenEstimator estimator;
    private final long defaultMaxOutputTokens;

    ChatCompletionsApi(boolean legacy, TokenEstimator estimator, long defaultMaxOutputTokens) {
        this.legacy = legacy;
        this.estimator = estimator;
        this.defaultMaxOutputTokens = defaultMaxOutputTokens;
    }

    @Override
    public Operation operation() {
        return legacy ? Operation.COMPLETIONS : Operation.CHAT_COMPLETIONS;
    }

    @Override
    public ApiCall parse(byte[] raw, HttpServletRequest request, @Nullable String pathModel)
            throws BadRequestException {
        ObjectNode body = JsonBodies.object(raw);
        long prompt;
        if (legacy) {
            if (!body.path("model").isString() || body.path("model").asString().isBlank()
                    || !(body.path("prompt").isString() || body.path("prompt").isArray())) {
                throw new BadRequestException("A completion needs 'model' (string) and 'prompt' (string or array).",
                        "invalid_request");
            }
            prompt = estimator.countJsonPrompt(body.path("prompt"));
        } else {
            if (!body.path("model").isString() || body.path("model").asString().isBlank()
                    || !body.path("messages").isArray()) {
                throw new BadRequestException("A chat completion needs 'model' (string) and 'messages' (array).",
                        "invalid_request");
            }
            prompt = estimator.countChatPrompt(body);
        }
        boolean stream = body.path("stream").asBoolean(false);
        long maxOutput = body.path("max_completion_tokens").asLong(body.path("max_tokens").asLong(0));
        long choices = Math.max(1, body.path("n").asLong(1));
        return new ApiCall(operation(), body.path("model").asString(), stream, body, raw, prompt,
                (maxOutput > 0 ? maxOutput : defaultMaxOutputTokens) * choices, 1, request);
    }

    @Override
    public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type, String upstreamModel,
                                           String upstreamKey) {
        // The charge needs the upstream's usage; the extra chunk is filtered out again for a client that did not ask.
        boolean addUsage = call.stream() && !clientWantsUsage(call);
        byte[] body = JsonBodies.upstreamBody(call, upstreamModel, addUsage,
                copy -> copy.putObject("stream_options").put("include_usage", true));
        return Providers.openAi(channel, type, legacy ? "/completions" : "/chat/completions", upstreamModel,
                upstreamKey, body);
    }

    @Override
    public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
        return UsageNormaliser.openAiChat(answer.get("usage"));
    }

    @Override
    public String outputText(JsonNode answer) {
        JsonNode choice = answer.path("choices").path(0);
        return legacy ? choice.path("text").asString("") : choice.path("message").path("content").asString("");
    }

    @Override
    public StreamMeter streamMeter(ApiCall call, ChannelType type) {
        return new ChatStreamMeter(legacy, clientWantsUsage(call));
    }

    private static boolean clientWantsUsage(ApiCall call) {
        return call.body().path("stream_options").path("include_usage").asBoolean(false);
    }
}

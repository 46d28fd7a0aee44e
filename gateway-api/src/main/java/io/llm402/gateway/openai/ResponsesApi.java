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

/** {@code POST /v1/responses} (api-formats §3), passed to OpenAI and Azure upstreams. */
final class ResponsesApi implements ClientApi {

    private final TokenEstimator estimator;
    private final long defaultMaxOutputTokens;

    ResponsesApi(TokenEstimator estimator, long defaultMaxOutputTokens) {
        this.estimator = estimator;
        this.defaultMaxOutputTokens = defaultMaxOutputTokens;
    }

    @Override
    public Operation operation() {
        return Operation.RESPONSES;
    }

    @Override
    public ApiCall parse(byte[] raw, HttpServletRequest request, @Nullable String pathModel)
            throws BadRequestException {
        ObjectNode body = JsonBodies.object(raw);
        String model = JsonBodies.requiredString(body, "model", "A response");
        JsonNode input = body.path("input");
        if (!(input.isString() || input.isArray())) {
            throw new BadRequestException("A response needs 'input' (a string or an array of items).",
                    "invalid_request");
        }
        long prompt = estimator.countJsonPrompt(input) + estimator.countJsonPrompt(body.path("instructions"))
                + estimator.countJsonPrompt(body.path("tools"));
        long maxOutput = body.path("max_output_tokens").asLong(0);
        return new ApiCall(operation(), model, body.path("stream").asBoolean(false), body, raw, prompt,
                maxOutput > 0 ? maxOutput : defaultMaxOutputTokens, 1, request);
    }

    @Override
    public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type, String upstreamModel,
                                           String upstreamKey) {
        return Providers.openAi(channel, type, "/responses", upstreamModel, upstreamKey,
                JsonBodies.upstreamBody(call, upstreamModel, false, copy -> { }));
    }

    @Override
    public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
        return UsageNormaliser.openAiResponses(answer.get("usage"));
    }

    @Override
    public String outputText(JsonNode answer) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : answer.path("output")) {
            for (JsonNode part : item.path("content")) {
                text.append(part.path("text").asString(""));
            }
        }
        return text.toString();
    }

    @Override
    public StreamMeter streamMeter(ApiCall call, ChannelType type) {
        return new ResponsesStreamMeter();
    }
}

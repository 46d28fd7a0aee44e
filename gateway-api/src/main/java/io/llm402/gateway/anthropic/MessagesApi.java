package io.llm402.gateway.anthropic;

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
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens} (api-formats §5). The query string (Claude
 * Code's {@code ?beta=true}) is ignored; {@code anthropic-version} and {@code anthropic-beta} are forwarded.
 */
final class MessagesApi implements ClientApi {

    private final boolean countTokens;
    private final TokenEstimator estimator;

    MessagesApi(boolean countTokens, TokenEstimator estimator) {
        this.countTokens = countTokens;
        this.estimator = estimator;
    }

    @Override
    public Operation operation() {
        return countTokens ? Operation.CLAUDE_COUNT_TOKENS : Operation.CLAUDE_MESSAGES;
    }

    @Override
    public ApiCall parse(byte[] raw, HttpServletRequest request, @Nullable String pathModel)
            throws BadRequestException {
        ObjectNode body = JsonBodies.object(raw);
        String model = JsonBodies.requiredString(body, "model", "A message");
        if (!body.path("messages").isArray()) {
            throw new BadRequestException("messages: Field required", "invalid_request");
        }
        long maxTokens = 0;
        if (!countTokens) {
            JsonNode max = body.path("max_tokens");
            if (!max.isIntegralNumber() || max.asLong() < 0) {
                throw new BadRequestException("max_tokens: Field required (a non-negative integer)",
                        "invalid_request");
            }
            maxTokens = max.asLong();
        }
        long prompt = estimator.countJsonPrompt(body.path("messages")) + estimator.countJsonPrompt(body.path("system"))
                + estimator.countJsonPrompt(body.path("tools"));
        boolean stream = !countTokens && body.path("stream").asBoolean(false);
        return new ApiCall(operation(), model, stream, body, raw, prompt, maxTokens, 1, request);
    }

    @Override
    public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type, String upstreamModel,
                                           String upstreamKey) {
        return Providers.anthropic(channel, countTokens ? "/v1/messages/count_tokens" : "/v1/messages", upstreamKey,
                call.request().getHeader("anthropic-version"), call.request().getHeader("anthropic-beta"),
                JsonBodies.upstreamBody(call, upstreamModel, false, copy -> { }));
    }

    @Override
    public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
        return countTokens ? null : UsageNormaliser.claude(answer.get("usage"));
    }

    @Override
    public String outputText(JsonNode answer) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : answer.path("content")) {
            text.append(block.path("text").asString("")).append(block.path("thinking").asString(""));
            if (block.has("input")) {
                text.append(block.path("input"));
            }
        }
        return text.toString();
    }

    @Override
    public StreamMeter streamMeter(ApiCall call, ChannelType type) {
        return new ClaudeStreamMeter();
    }

    /** Token counting for a model no Anthropic channel serves: a local estimate (TV-17), never a 404. */
    @Override
    public byte @Nullable [] answerLocally(ApiCall call) {
        return countTokens ? ("{\"input_tokens\":" + call.promptEstimate() + "}").getBytes(StandardCharsets.UTF_8)
                : null;
    }
}

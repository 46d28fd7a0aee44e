package io.llm402.gateway.gemini;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.metering.UsageNormaliser;
import io.llm402.gateway.reasoning.ReasoningControls;
import io.llm402.gateway.reasoning.ReasoningRequest;
import io.llm402.gateway.relay.ApiCall;
import io.llm402.gateway.relay.ApiCall.AskedOutput;
import io.llm402.gateway.relay.ClientApi;
import io.llm402.gateway.relay.Operation;
import io.llm402.gateway.relay.RelayEngine;
import io.llm402.gateway.upstream.Providers;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.wire.BadRequestException;
import io.llm402.gateway.wire.GeminiStreamMeter;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.JsonBodies;
import io.llm402.gateway.wire.StreamMeter;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Gemini action on {@code /v1beta/models/{model}:{action}} (api-formats §6, §7). The model is in the path, so the
 * body usually passes through as received; field names may be camelCase or snake_case.
 */
final class GeminiApi implements ClientApi {

    enum Action {
        GENERATE("generateContent", Operation.GEMINI_GENERATE),
        STREAM_GENERATE("streamGenerateContent", Operation.GEMINI_GENERATE),
        COUNT_TOKENS("countTokens", Operation.GEMINI_COUNT_TOKENS),
        EMBED("embedContent", Operation.GEMINI_EMBED),
        BATCH_EMBED("batchEmbedContents", Operation.GEMINI_BATCH_EMBED);

        final String wireName;
        final Operation operation;

        Action(String wireName, Operation operation) {
            this.wireName = wireName;
            this.operation = operation;
        }

        static @Nullable Action of(String wireName) {
            for (Action action : values()) {
                if (action.wireName.equals(wireName)) {
                    return action;
                }
            }
            return null;
        }
    }

    private final Action action;
    private final TokenEstimator estimator;
    private final long defaultMaxOutputTokens;

    GeminiApi(Action action, TokenEstimator estimator, long defaultMaxOutputTokens) {
        this.action = action;
        this.estimator = estimator;
        this.defaultMaxOutputTokens = defaultMaxOutputTokens;
    }

    @Override
    public Operation operation() {
        return action.operation;
    }

    @Override
    public ApiCall parse(byte[] raw, HttpServletRequest request, @Nullable String pathModel)
            throws BadRequestException {
        if (pathModel == null || pathModel.isBlank()) {
            throw new BadRequestException("The URL must name a model: /v1beta/models/{model}:" + action.wireName,
                    "invalid_request");
        }
        ObjectNode body = JsonBodies.object(raw);
        LongSupplier prompt;
        long maxOutput = 0;
        AskedOutput asked = AskedOutput.NONE;
        switch (action) {
            case GENERATE, STREAM_GENERATE -> {
                if (!body.path("contents").isArray()) {
                    throw new BadRequestException("contents is required (an array of Content).", "invalid_request");
                }
                prompt = () -> estimator.countJsonPrompt(body.path("contents"),
                        either(body, "systemInstruction", "system_instruction"), body.path("tools"));
                JsonNode config = either(body, "generationConfig", "generation_config");
                long max = JsonBodies.count(either(config, "maxOutputTokens", "max_output_tokens"),
                        "generationConfig.maxOutputTokens", JsonBodies.MAX_OUTPUT_TOKENS);
                long candidates = Math.max(1, JsonBodies.count(either(config, "candidateCount", "candidate_count"),
                        "generationConfig.candidateCount", JsonBodies.MAX_CANDIDATES));
                maxOutput = Math.multiplyExact(max > 0 ? max : defaultMaxOutputTokens, candidates);
                asked = AskedOutput.of("generationConfig.maxOutputTokens", max);
            }
            case COUNT_TOKENS -> prompt = () -> estimator.countJsonPrompt(body);
            case EMBED -> {
                if (!body.path("content").isObject()) {
                    throw new BadRequestException("content is required.", "invalid_request");
                }
                prompt = () -> estimator.countJsonPrompt(body.path("content"));
            }
            case BATCH_EMBED -> {
                if (!body.path("requests").isArray() || body.path("requests").isEmpty()) {
                    throw new BadRequestException("requests is required (a non-empty array).", "invalid_request");
                }
                prompt = () -> estimator.countJsonPrompt(body.path("requests"));
            }
            default -> throw new IllegalStateException();
        }
        // alt=sse asks for SSE framing instead of one streamed JSON array.
        Map<String, String> passed = "sse".equals(request.getParameter("alt")) ? Map.of("alt", "sse") : Map.of();
        return new ApiCall(operation(), pathModel, action == Action.STREAM_GENERATE, body, raw, prompt, maxOutput, 1,
                asked, passed);
    }

    @Override
    public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type, String upstreamModel,
                                           String upstreamKey) {
        byte[] body = call.rawBody();
        ReasoningRequest reasoning = call.reasoning();
        if (reasoning != null && (action == Action.GENERATE || action == Action.STREAM_GENERATE)) {
            ObjectNode copy = call.body().deepCopy();
            ReasoningControls.gemini(copy, upstreamModel, reasoning);
            body = Json.MAPPER.writeValueAsBytes(copy);
        } else if (action == Action.BATCH_EMBED && !upstreamModel.equals(call.model())) {
            // Each batch entry names its model; a mapped channel must see its own name there too.
            ObjectNode copy = call.body().deepCopy();
            for (JsonNode entry : copy.path("requests")) {
                if (entry instanceof ObjectNode object && object.has("model")) {
                    object.put("model", "models/" + upstreamModel);
                }
            }
            body = Json.MAPPER.writeValueAsBytes(copy);
        }
        return Providers.gemini(channel, upstreamModel, action.wireName, upstreamKey, body);
    }

    @Override
    public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
        // Embedding calls report no usage; the engine then bills the local estimate of the input.
        return action == Action.GENERATE ? UsageNormaliser.gemini(answer.get("usageMetadata")) : null;
    }

    @Override
    public String outputText(JsonNode answer, ChannelType type) {
        return GeminiStreamMeter.text(answer);
    }

    @Override
    public StreamMeter streamMeter(ApiCall call, ChannelView channel, ChannelType type) {
        return new GeminiStreamMeter("sse".equals(call.passed().get("alt")));
    }

    @Override
    public byte @Nullable [] answerLocally(ApiCall call) {
        return action == Action.COUNT_TOKENS
                ? ("{\"totalTokens\":" + call.promptEstimate() + "}").getBytes(StandardCharsets.UTF_8) : null;
    }

    private static JsonNode either(JsonNode node, String camel, String snake) {
        JsonNode value = node.path(camel);
        return value.isMissingNode() ? node.path(snake) : value;
    }
}

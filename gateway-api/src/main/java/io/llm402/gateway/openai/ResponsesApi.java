package io.llm402.gateway.openai;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.convert.responses.ChatAnswerToResponses;
import io.llm402.gateway.convert.responses.ChatStreamToResponses;
import io.llm402.gateway.convert.responses.ResponsesRequestToChat;
import io.llm402.gateway.convert.upstreams.ChatUpstreams;
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
import io.llm402.gateway.wire.ChatWire;
import io.llm402.gateway.wire.ConvertingMeter;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.JsonBodies;
import io.llm402.gateway.wire.ResponsesStreamMeter;
import io.llm402.gateway.wire.SseEvent;
import io.llm402.gateway.wire.StreamMeter;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/responses} (api-formats §3): passed to OpenAI and Azure upstreams, and served by every other
 * generative channel through Chat Completions (§3.5), which new-api cannot do.
 */
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
        LongSupplier prompt = () -> estimator.countJsonPrompt(input, body.path("instructions"), body.path("tools"));
        long maxOutput = JsonBodies.count(body.path("max_output_tokens"), "max_output_tokens",
                JsonBodies.MAX_OUTPUT_TOKENS);
        return new ApiCall(operation(), model, JsonBodies.flag(body, "stream"), body, raw, prompt,
                maxOutput > 0 ? maxOutput : defaultMaxOutputTokens, 1, AskedOutput.of("max_output_tokens", maxOutput),
                Map.of());
    }

    @Override
    public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type, String upstreamModel,
                                           String upstreamKey) throws ConversionException {
        ReasoningRequest reasoning = call.reasoning();
        if (operation().servedBy(type)) {
            return Providers.openAi(channel, type, "/responses", upstreamModel, upstreamKey,
                    call.upstreamBody(upstreamModel, reasoning != null,
                            copy -> ReasoningControls.responses(copy, reasoning)));
        }
        return ChatUpstreams.request(ResponsesRequestToChat.convert(call.body(), upstreamModel), channel, type,
                upstreamModel, upstreamKey, call.stream(), reasoning);
    }

    @Override
    public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
        return operation().servedBy(type) ? UsageNormaliser.openAiResponses(answer.get("usage"))
                : ChatWire.usage(answer, type);
    }

    @Override
    public String outputText(JsonNode answer, ChannelType type) {
        if (!operation().servedBy(type)) {
            return ChatWire.outputText(answer, type);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode item : answer.path("output")) {
            for (JsonNode part : item.path("content")) {
                text.append(part.path("text").asString(""));
            }
        }
        return text.toString();
    }

    @Override
    public byte[] clientBody(ApiCall call, ChannelView channel, ChannelType type, byte[] answerBytes,
                             JsonNode answer) {
        if (operation().servedBy(type)) {
            return answerBytes;
        }
        return Json.MAPPER.writeValueAsBytes(ChatAnswerToResponses.convert(ChatUpstreams.answer(answer, type,
                call.model()), call.body(), Clock.systemUTC(), Ids.random()));
    }

    @Override
    public StreamMeter streamMeter(ApiCall call, ChannelView channel, ChannelType type) {
        if (operation().servedBy(type)) {
            return new ResponsesStreamMeter();
        }
        // A second meter reads the synthesized events, so an error event is numbered after the last one sent.
        ResponsesStreamMeter synthesized = new ResponsesStreamMeter();
        Function<SseEvent, List<SseEvent>> toResponses = ConvertingMeter.then(
                new ChatStreamToResponses(call.body(), Clock.systemUTC(), Ids.random())::onEvent, event -> {
                    synthesized.inspect(event);
                    return List.of(event);
                });
        Function<SseEvent, List<SseEvent>> convert = ChatUpstreams.stream(type, call.model(), true, toResponses);
        return new ConvertingMeter(ChatWire.meterForConversion(type), convert, synthesized::failure);
    }
}

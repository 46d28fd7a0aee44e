package io.llm402.gateway.anthropic;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.convert.claude.ChatAnswerToClaude;
import io.llm402.gateway.convert.claude.ChatStreamToClaude;
import io.llm402.gateway.convert.claude.ClaudeRequestToChat;
import io.llm402.gateway.convert.upstreams.ChatUpstreams;
import io.llm402.gateway.metering.TokenEstimator;
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
import io.llm402.gateway.wire.ClaudeStreamMeter;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.ConvertingMeter;
import io.llm402.gateway.wire.Failure;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.JsonBodies;
import io.llm402.gateway.wire.SseEvent;
import io.llm402.gateway.wire.StreamMeter;
import io.llm402.gateway.wire.WireFormat;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
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
            if (max.isMissingNode() || max.isNull()) {
                throw new BadRequestException("max_tokens: Field required", "invalid_request");
            }
            maxTokens = JsonBodies.count(max, "max_tokens", JsonBodies.MAX_OUTPUT_TOKENS);
        }
        LongSupplier prompt = () -> estimator.countJsonPrompt(body.path("messages"), body.path("system"),
                body.path("tools"));
        boolean stream = !countTokens && JsonBodies.flag(body, "stream");
        return new ApiCall(operation(), model, stream, body, raw, prompt, maxTokens, 1,
                AskedOutput.of("max_tokens", maxTokens), anthropicHeaders(request));
    }

    @Override
    public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type, String upstreamModel,
                                           String upstreamKey) throws ConversionException {
        ReasoningRequest reasoning = call.reasoning();
        if (type == ChannelType.ANTHROPIC) {
            byte[] body = call.upstreamBody(upstreamModel, reasoning != null && !countTokens,
                    copy -> ReasoningControls.claude(copy, upstreamModel, reasoning));
            return Providers.anthropic(channel, countTokens ? "/v1/messages/count_tokens" : "/v1/messages",
                    upstreamKey, call.passed().get("anthropic-version"), call.passed().get("anthropic-beta"), body);
        }
        return ChatUpstreams.request(ClaudeRequestToChat.convert(call.body(), upstreamModel), channel, type,
                upstreamModel, upstreamKey, call.stream(), reasoning);
    }

    @Override
    public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
        return countTokens ? null : ChatWire.usage(answer, type);
    }

    @Override
    public String outputText(JsonNode answer, ChannelType type) {
        return ChatWire.outputText(answer, type);
    }

    @Override
    public byte[] clientBody(ApiCall call, ChannelView channel, ChannelType type, byte[] answerBytes,
                             JsonNode answer) {
        if (type == ChannelType.ANTHROPIC) {
            return answerBytes;
        }
        return Json.MAPPER.writeValueAsBytes(ChatAnswerToClaude.convert(ChatUpstreams.answer(answer, type,
                call.model()), call.model(), estimator::countText, Ids.random()));
    }

    @Override
    public StreamMeter streamMeter(ApiCall call, ChannelView channel, ChannelType type) {
        if (type == ChannelType.ANTHROPIC) {
            return new ClaudeStreamMeter();
        }
        Function<SseEvent, List<SseEvent>> convert = ChatUpstreams.stream(type, call.model(), true,
                new ChatStreamToClaude(call.model(), estimator::countText, call.promptEstimate(),
                        Ids.random())::onEvent);
        return new ConvertingMeter(ChatWire.meterForConversion(type), convert, message ->
                ClientErrors.streamEvent(WireFormat.CLAUDE, Failure.UPSTREAM, message, null));
    }

    /** Token counting for a model no Anthropic channel serves: a local estimate (TV-17), never a 404. */
    @Override
    public byte @Nullable [] answerLocally(ApiCall call) {
        return countTokens ? ("{\"input_tokens\":" + call.promptEstimate() + "}").getBytes(StandardCharsets.UTF_8)
                : null;
    }

    /** The headers an Anthropic channel receives as the client sent them. */
    private static Map<String, String> anthropicHeaders(HttpServletRequest request) {
        Map<String, String> passed = new HashMap<>(2);
        for (String header : new String[] {"anthropic-version", "anthropic-beta"}) {
            String value = request.getHeader(header);
            if (value != null) {
                passed.put(header, value);
            }
        }
        return passed;
    }
}

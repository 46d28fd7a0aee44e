package io.llm402.gateway.openai;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.convert.ThinkingToContent;
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
import io.llm402.gateway.wire.ChatStreamMeter;
import io.llm402.gateway.wire.ChatWire;
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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/chat/completions} and the legacy {@code POST /v1/completions}: the same wire rules (usage, SSE with
 * {@code [DONE]}), differing in where the prompt and the output text are. Chat is also served by Anthropic and Gemini
 * channels through a conversion, and applies a reasoning suffix and the channel's thinking-to-content setting.
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
        LongSupplier prompt;
        if (legacy) {
            if (!body.path("model").isString() || body.path("model").asString().isBlank()
                    || !(body.path("prompt").isString() || body.path("prompt").isArray())) {
                throw new BadRequestException("A completion needs 'model' (string) and 'prompt' (string or array).",
                        "invalid_request");
            }
            prompt = () -> estimator.countJsonPrompt(body.path("prompt"));
        } else {
            if (!body.path("model").isString() || body.path("model").asString().isBlank()
                    || !body.path("messages").isArray()) {
                throw new BadRequestException("A chat completion needs 'model' (string) and 'messages' (array).",
                        "invalid_request");
            }
            prompt = () -> estimator.countChatPrompt(body);
        }
        boolean stream = JsonBodies.flag(body, "stream");
        long maxTokens = JsonBodies.count(body.path("max_tokens"), "max_tokens", JsonBodies.MAX_OUTPUT_TOKENS);
        long maxCompletion = JsonBodies.count(body.path("max_completion_tokens"), "max_completion_tokens",
                JsonBodies.MAX_OUTPUT_TOKENS);
        long maxOutput = maxCompletion > 0 ? maxCompletion : maxTokens;
        long choices = Math.max(1, JsonBodies.count(body.path("n"), "n", JsonBodies.MAX_CHOICES));
        return new ApiCall(operation(), body.path("model").asString(), stream, body, raw, prompt,
                Math.multiplyExact(maxOutput > 0 ? maxOutput : defaultMaxOutputTokens, choices), 1,
                AskedOutput.of(maxCompletion > 0 ? "max_completion_tokens" : "max_tokens", maxOutput), Map.of());
    }

    @Override
    public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type, String upstreamModel,
                                           String upstreamKey) throws ConversionException {
        ReasoningRequest reasoning = call.reasoning();
        if (ChatUpstreams.converts(type)) {
            return ChatUpstreams.request(call.body(), channel, type, upstreamModel, upstreamKey, call.stream(),
                    reasoning);
        }
        // The charge needs the upstream's usage; the extra chunk is filtered out again for a client that did not ask.
        boolean addUsage = call.stream() && !clientWantsUsage(call);
        byte[] body = call.upstreamBody(upstreamModel, addUsage || reasoning != null, copy -> {
            if (addUsage) {
                copy.putObject("stream_options").put("include_usage", true);
            }
            if (reasoning != null) {
                ReasoningControls.openAiChat(copy, upstreamModel, reasoning);
            }
        });
        return Providers.openAi(channel, type, legacy ? "/completions" : "/chat/completions", upstreamModel,
                upstreamKey, body);
    }

    @Override
    public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
        return ChatWire.usage(answer, type);
    }

    @Override
    public String outputText(JsonNode answer, ChannelType type) {
        return legacy ? answer.path("choices").path(0).path("text").asString("") : ChatWire.outputText(answer, type);
    }

    @Override
    public byte[] clientBody(ApiCall call, ChannelView channel, ChannelType type, byte[] answerBytes,
                             JsonNode answer) {
        boolean converted = ChatUpstreams.converts(type);
        if (!converted && (legacy || !channel.thinkingToContent())) {
            return answerBytes;
        }
        JsonNode chat = ChatUpstreams.answer(answer, type, call.model());
        return Json.MAPPER.writeValueAsBytes(channel.thinkingToContent() && !legacy
                ? ThinkingToContent.whole(chat) : chat);
    }

    @Override
    public StreamMeter streamMeter(ApiCall call, ChannelView channel, ChannelType type) {
        boolean thinkingToContent = channel.thinkingToContent() && !legacy;
        boolean wantsUsage = clientWantsUsage(call);
        if (!ChatUpstreams.converts(type) && !thinkingToContent) {
            return new ChatStreamMeter(legacy, wantsUsage);
        }
        Function<SseEvent, List<SseEvent>> clientChunks = thinkingToContent ? new ThinkingToContent.Stream()::onEvent
                : List::of;
        Function<SseEvent, List<SseEvent>> convert = ChatUpstreams.converts(type)
                ? ChatUpstreams.stream(type, call.model(), wantsUsage, clientChunks)
                // Native, only for thinking-to-content: usage chunks the client did not ask for stay out.
                : event -> !wantsUsage && isUsageOnly(event) ? List.of() : clientChunks.apply(event);
        return new ConvertingMeter(ChatWire.meterForConversion(type), convert, message ->
                ClientErrors.streamEvent(WireFormat.OPENAI, Failure.UPSTREAM, message, "stream_interrupted"));
    }

    private static boolean isUsageOnly(SseEvent event) {
        if (!event.data().startsWith("{")) {
            return false;
        }
        JsonNode chunk = Json.MAPPER.readTree(event.data());
        return chunk.path("choices").isArray() && chunk.path("choices").isEmpty() && chunk.path("usage").isObject();
    }

    private static boolean clientWantsUsage(ApiCall call) {
        return call.body().path("stream_options").path("include_usage").asBoolean(false);
    }
}

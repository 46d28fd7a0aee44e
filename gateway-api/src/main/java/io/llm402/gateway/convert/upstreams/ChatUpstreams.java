package io.llm402.gateway.convert.upstreams;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.convert.claude.ChatRequestToClaude;
import io.llm402.gateway.convert.claude.ClaudeAnswerToChat;
import io.llm402.gateway.convert.claude.ClaudeStreamToChat;
import io.llm402.gateway.convert.gemini.ChatRequestToGemini;
import io.llm402.gateway.convert.gemini.GeminiAnswerToChat;
import io.llm402.gateway.convert.gemini.GeminiStreamToChat;
import io.llm402.gateway.reasoning.ReasoningControls;
import io.llm402.gateway.reasoning.ReasoningRequest;
import io.llm402.gateway.upstream.Providers;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.wire.ConvertingMeter;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import io.llm402.projections.catalog.api.ChannelView;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Chat Completions exchange with any generative channel: OpenAI-family channels take it as it is, Anthropic and
 * Gemini channels through the converters of {@code convert.claude} and {@code convert.gemini}. Every client format
 * that is not served natively goes through here (Chat directly, Claude Messages and Responses after their conversion
 * to Chat), so the choice of conversion and the reasoning controls live in one place. Answers and streams are
 * converted with the system clock and random ids.
 */
public final class ChatUpstreams {

    private ChatUpstreams() {
    }

    /** Whether the channel needs Chat converted to its own format. */
    public static boolean converts(ChannelType type) {
        return type == ChannelType.ANTHROPIC || type == ChannelType.GEMINI;
    }

    /** The upstream call for a Chat body, in the channel's format, with a suffix's reasoning applied. */
    public static UpstreamRequest request(ObjectNode chat, ChannelView channel, ChannelType type, String upstreamModel,
                                          String upstreamKey, boolean stream, @Nullable ReasoningRequest reasoning)
            throws ConversionException {
        switch (type) {
            case ANTHROPIC -> {
                ObjectNode claude = ChatRequestToClaude.convert(chat, upstreamModel);
                if (reasoning != null) {
                    ReasoningControls.claude(claude, upstreamModel, reasoning);
                }
                return Providers.anthropic(channel, "/v1/messages", upstreamKey, null, null,
                        Json.MAPPER.writeValueAsBytes(claude));
            }
            case GEMINI -> {
                ObjectNode gemini = ChatRequestToGemini.convert(chat);
                if (reasoning != null) {
                    ReasoningControls.gemini(gemini, upstreamModel, reasoning);
                }
                return Providers.gemini(channel, upstreamModel, stream ? "streamGenerateContent" : "generateContent",
                        upstreamKey, Json.MAPPER.writeValueAsBytes(gemini));
            }
            default -> {
                if (reasoning != null) {
                    ReasoningControls.openAiChat(chat, upstreamModel, reasoning);
                }
                return Providers.openAi(channel, type, "/chat/completions", upstreamModel, upstreamKey,
                        Json.MAPPER.writeValueAsBytes(chat));
            }
        }
    }

    /** The upstream's whole answer as a chat completion. */
    public static JsonNode answer(JsonNode answer, ChannelType type, String clientModel) {
        return switch (type) {
            case ANTHROPIC -> ClaudeAnswerToChat.convert(answer, clientModel, Clock.systemUTC(), Ids.random());
            case GEMINI -> GeminiAnswerToChat.convert(answer, clientModel, Clock.systemUTC(), Ids.random());
            default -> answer;
        };
    }

    /**
     * The upstream's stream read as Chat chunks, then passed to {@code next}; for OpenAI-family channels the chunks
     * go to {@code next} as they are.
     */
    public static Function<SseEvent, List<SseEvent>> stream(ChannelType type, String clientModel,
                                                             boolean includeUsage,
                                                             Function<SseEvent, List<SseEvent>> next) {
        return switch (type) {
            case ANTHROPIC -> ConvertingMeter.then(
                    new ClaudeStreamToChat(clientModel, includeUsage, Clock.systemUTC(), Ids.random())::onEvent, next);
            case GEMINI -> ConvertingMeter.then(
                    new GeminiStreamToChat(clientModel, includeUsage, Clock.systemUTC(), Ids.random())::onEvent, next);
            default -> next;
        };
    }
}

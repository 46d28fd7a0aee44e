package io.llm402.gateway.wire;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.metering.UsageNormaliser;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The generative upstreams by the wire their channel type speaks: Anthropic Messages, Gemini, or OpenAI Chat for
 * every OpenAI-family type. Billing always reads the upstream's own answer, whatever the client's format.
 */
public final class ChatWire {

    private ChatWire() {
    }

    public static @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
        return switch (type) {
            case ANTHROPIC -> UsageNormaliser.claude(answer.get("usage"));
            case GEMINI -> UsageNormaliser.gemini(answer.get("usageMetadata"));
            default -> UsageNormaliser.openAiChat(answer.get("usage"));
        };
    }

    /** The output text (reasoning and tool arguments included), for an estimate when there is no usage. */
    public static String outputText(JsonNode answer, ChannelType type) {
        StringBuilder text = new StringBuilder();
        switch (type) {
            case ANTHROPIC -> {
                for (JsonNode block : answer.path("content")) {
                    text.append(block.path("text").asString("")).append(block.path("thinking").asString(""));
                    if (block.has("input")) {
                        text.append(block.path("input"));
                    }
                }
            }
            case GEMINI -> text.append(GeminiStreamMeter.text(answer));
            default -> {
                JsonNode message = answer.path("choices").path(0).path("message");
                text.append(message.path("reasoning_content").asString("")).append(message.path("content")
                        .asString(""));
                for (JsonNode call : message.path("tool_calls")) {
                    text.append(call.path("function").path("arguments").asString(""));
                }
            }
        }
        return text.toString();
    }

    /**
     * A meter for an upstream stream of this type that keeps every event (usage chunks included) for a converter:
     * Gemini is always read as SSE.
     */
    public static StreamMeter meterForConversion(ChannelType type) {
        return switch (type) {
            case ANTHROPIC -> new ClaudeStreamMeter();
            case GEMINI -> new GeminiStreamMeter(true);
            default -> new ChatStreamMeter(false, true);
        };
    }
}

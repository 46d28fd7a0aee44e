package io.llm402.gateway.management.channels;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.gateway.management.ManagementException;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * new-api's channel type numbers for the providers LLM402 speaks, and each one's default origin. new-api's Custom (8)
 * is LLM402's {@code custom}: its base URL is the full URL, {@code {model}} standing for the model. LLM402's
 * {@code openai-compatible} (an origin to which {@code /v1/...} is added, without OpenAI's Responses API) is what
 * new-api operators make of OpenAI (1) with their own base URL, so it shows as 1 and stays itself when edited as 1.
 */
public final class ChannelTypes {

    private static final Map<Integer, ChannelType> BY_NUMBER = Map.of(1, ChannelType.OPENAI, 3, ChannelType.AZURE,
            8, ChannelType.CUSTOM, 14, ChannelType.ANTHROPIC, 24, ChannelType.GEMINI, 34, ChannelType.COHERE,
            38, ChannelType.JINA, 43, ChannelType.DEEPSEEK);

    private ChannelTypes() {
    }

    /** The LLM402 type of a new-api type number, if LLM402 relays to it. */
    public static Optional<ChannelType> ofNumber(int number) {
        return Optional.ofNullable(BY_NUMBER.get(number));
    }

    static ChannelType fromNumber(int number) {
        ChannelType type = BY_NUMBER.get(number);
        if (type == null) {
            throw ManagementException.badRequest("type " + number + " is not a channel type LLM402 relays to "
                    + "(1 OpenAI, 3 Azure, 8 Custom, 14 Anthropic, 24 Gemini, 34 Cohere, 38 Jina, "
                    + "43 DeepSeek)");
        }
        return type;
    }

    /** The type an edit means: new-api's 1 keeps an {@code openai-compatible} channel what it is. */
    static ChannelType fromNumber(int number, ChannelType current) {
        ChannelType type = fromNumber(number);
        return type == ChannelType.OPENAI && current == ChannelType.OPENAI_COMPATIBLE ? current : type;
    }

    static int number(ChannelType type) {
        if (type == ChannelType.OPENAI_COMPATIBLE) {
            return 1;
        }
        return BY_NUMBER.entrySet().stream().filter(e -> e.getValue() == type).findFirst().orElseThrow().getKey();
    }

    static int number(String wireName) {
        return number(ChannelType.fromWireName(wireName));
    }

    /** Where the provider's API lives when the operator leaves the base URL empty; Azure and custom need one. */
    public static @Nullable String defaultOrigin(ChannelType type) {
        return switch (type) {
            case OPENAI -> "https://api.openai.com";
            case ANTHROPIC -> "https://api.anthropic.com";
            case GEMINI -> "https://generativelanguage.googleapis.com";
            case DEEPSEEK -> "https://api.deepseek.com";
            case COHERE -> "https://api.cohere.com";
            case JINA -> "https://api.jina.ai";
            case AZURE, OPENAI_COMPATIBLE, CUSTOM -> null;
        };
    }
}

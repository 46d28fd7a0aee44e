package io.llm402.gateway.channels;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.gateway.upstream.Providers;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelView;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request a channel test sends, per endpoint (new-api-behaviour §4.5): "hi" with a few output tokens for chat,
 * Responses, Claude and Gemini (3,000 for Gemini, whose thinking models spend tokens before answering;
 * {@code max_completion_tokens} for OpenAI's reasoning models), one short input for embeddings, a fixed query and two
 * documents for rerank. The endpoint comes from new-api's {@code endpoint_type}, else from the channel type and the
 * model's name.
 */
final class TestRequests {

    /** new-api's {@code endpoint_type} values. */
    static final List<String> ENDPOINTS = List.of("openai", "openai-response", "anthropic", "gemini", "jina-rerank",
            "embeddings");

    private TestRequests() {
    }

    static String endpoint(ChannelType type, String model, @Nullable String requested) {
        if (requested != null && !requested.isBlank()) {
            if (!ENDPOINTS.contains(requested)) {
                throw new IllegalArgumentException("endpoint_type must be one of " + String.join(", ", ENDPOINTS));
            }
            return requested;
        }
        String name = model.toLowerCase(Locale.ROOT);
        if (name.contains("rerank") || type == ChannelType.COHERE && !name.contains("embed")) {
            return "jina-rerank";
        }
        if (name.contains("embed") || name.startsWith("bge-") || name.startsWith("m3e")) {
            return "embeddings";
        }
        return switch (type) {
            case ANTHROPIC -> "anthropic";
            case GEMINI -> "gemini";
            default -> "openai";
        };
    }

    static UpstreamRequest build(ChannelView channel, ChannelType type, String endpoint, String upstreamModel,
                                 String key) {
        return switch (endpoint) {
            case "anthropic" -> Providers.anthropic(channel, "/v1/messages", key, null, null, json(Map.of(
                    "model", upstreamModel, "max_tokens", 10, "messages", List.of(user()))));
            case "gemini" -> Providers.gemini(channel, upstreamModel, "generateContent", key, json(Map.of(
                    "contents", List.of(Map.of("role", "user", "parts", List.of(Map.of("text", "hi")))),
                    "generationConfig", Map.of("maxOutputTokens", 3000))));
            case "openai-response" -> Providers.openAi(channel, type, "/responses", upstreamModel, key, json(Map.of(
                    "model", upstreamModel, "input", "hi", "max_output_tokens", 16)));
            case "embeddings" -> type == ChannelType.COHERE
                    ? Providers.bearer(channel, "/v2/embed", key, json(Map.of("model", upstreamModel,
                    "texts", List.of("hi"), "input_type", "search_query", "embedding_types", List.of("float"))))
                    : type == ChannelType.JINA
                    ? Providers.bearer(channel, "/v1/embeddings", key, json(Map.of("model", upstreamModel,
                    "input", List.of("hi"))))
                    : Providers.openAi(channel, type, "/embeddings", upstreamModel, key, json(Map.of(
                    "model", upstreamModel, "input", "hi")));
            case "jina-rerank" -> Providers.bearer(channel, type == ChannelType.COHERE ? "/v2/rerank" : "/v1/rerank",
                    key, json(Map.of("model", upstreamModel, "query", "What is the capital of France?",
                            "documents", List.of("Paris is the capital of France.", "Berlin is in Germany."))));
            default -> Providers.openAi(channel, type, "/chat/completions", upstreamModel, key, json(Map.of(
                    "model", upstreamModel, "messages", List.of(user()),
                    reasoningModel(upstreamModel) ? "max_completion_tokens" : "max_tokens", 10)));
        };
    }

    private static boolean reasoningModel(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        return name.matches("o\\d.*") || name.startsWith("gpt-5");
    }

    private static Map<String, String> user() {
        return Map.of("role", "user", "content", "hi");
    }

    private static byte[] json(Object body) {
        return Json.MAPPER.writeValueAsBytes(body);
    }
}

package io.llm402.gateway.upstream;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelView;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Where each provider serves an API and how it wants to be authenticated (api-formats §2–§9). Channel base URLs are
 * the provider's origin (such as {@code https://api.openai.com}); the version path is added here.
 */
public final class Providers {

    public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

    private Providers() {
    }

    /**
     * An OpenAI-family API ({@code path} such as {@code /chat/completions}). Azure: with a dated {@code api_version}
     * the deployment (the upstream model) goes in the path; without one, or with {@code v1}, the v1 API takes the
     * model in the body. Responses on Azure always use the v1 API.
     */
    public static UpstreamRequest openAi(ChannelView channel, ChannelType type, String path, String upstreamModel,
                                         String key, byte[] body) {
        if (type == ChannelType.AZURE) {
            String version = channel.apiVersion();
            boolean dated = version != null && !version.isBlank() && !version.equals("v1")
                    && !path.equals("/responses");
            URI uri = URI.create(dated
                    ? channel.baseUrl() + "/openai/deployments/" + encode(upstreamModel) + path + "?api-version="
                    + encode(version)
                    : channel.baseUrl() + "/openai/v1" + path);
            return new UpstreamRequest(uri, json("api-key", key), body);
        }
        if (type == ChannelType.CUSTOM) {
            // new-api's Custom: the base URL is the whole URL, whatever the operation.
            return new UpstreamRequest(URI.create(channel.baseUrl().replace("{model}", encode(upstreamModel))),
                    json("Authorization", "Bearer " + key), body);
        }
        return new UpstreamRequest(URI.create(channel.baseUrl() + "/v1" + path), json("Authorization",
                "Bearer " + key), body);
    }

    /** Anthropic Messages; {@code anthropic-version} and {@code anthropic-beta} come from the client when it sent them. */
    public static UpstreamRequest anthropic(ChannelView channel, String path, String key,
                                            @Nullable String anthropicVersion, @Nullable String anthropicBeta,
                                            byte[] body) {
        List<String> headers = new ArrayList<>(json("x-api-key", key));
        headers.add("anthropic-version");
        headers.add(anthropicVersion == null || anthropicVersion.isBlank() ? DEFAULT_ANTHROPIC_VERSION
                : anthropicVersion);
        if (anthropicBeta != null && !anthropicBeta.isBlank()) {
            headers.add("anthropic-beta");
            headers.add(anthropicBeta);
        }
        return new UpstreamRequest(URI.create(channel.baseUrl() + path), headers, body);
    }

    /** Gemini's {@code /v1beta/models/{model}:{action}}; streams always use {@code alt=sse}. */
    public static UpstreamRequest gemini(ChannelView channel, String upstreamModel, String action, String key,
                                         byte[] body) {
        String query = action.equals("streamGenerateContent") ? "?alt=sse" : "";
        URI uri = URI.create(channel.baseUrl() + "/v1beta/models/" + encode(upstreamModel) + ":" + action + query);
        return new UpstreamRequest(uri, json("x-goog-api-key", key), body);
    }

    /** Cohere and Jina: bearer key, versioned path such as {@code /v2/rerank}. */
    public static UpstreamRequest bearer(ChannelView channel, String versionedPath, String key, byte[] body) {
        return new UpstreamRequest(URI.create(channel.baseUrl() + versionedPath),
                json("Authorization", "Bearer " + key), body);
    }

    /**
     * The human-readable message of an upstream error body, read the way that provider writes it (api-formats §10.3);
     * {@code null} when there is none.
     */
    public static @Nullable String errorMessage(ChannelType type, byte[] body) {
        try {
            return errorMessage(type, Json.MAPPER.readTree(body));
        } catch (JacksonException e) {
            return null;
        }
    }

    /** {@link #errorMessage(ChannelType, byte[])} of a body already parsed. */
    public static @Nullable String errorMessage(ChannelType type, JsonNode error) {
        JsonNode message = switch (type) {
            case COHERE -> error.path("message");
            case JINA -> error.path("detail").isString() ? error.path("detail") : error.path("error").path("message");
            default -> error.path("error").path("message");
        };
        return message.isString() ? message.asString() : null;
    }

    private static List<String> json(String authHeader, String authValue) {
        return List.of("Content-Type", "application/json", authHeader, authValue);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

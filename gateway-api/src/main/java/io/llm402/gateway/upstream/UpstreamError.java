package io.llm402.gateway.upstream;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.gateway.wire.Json;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An upstream's error answer as the rules about channels read it: the status, and the message, code and type the
 * provider wrote (OpenAI {@code error.code}/{@code error.type}, Anthropic {@code error.type}, Gemini
 * {@code error.status}). The message is cleaned by {@link #redacted}: it may be logged or kept in an event.
 */
public record UpstreamError(int status, @Nullable String message, @Nullable String code, @Nullable String type) {

    private static final int MAX_MESSAGE = 300;
    /** Long runs of key-like characters: upstreams quote a masked key ("sk-proj-****abcd") in their errors. */
    private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z0-9_*.\\-]{24,}");

    public static UpstreamError of(ChannelType channelType, int status, byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return new UpstreamError(status, null, null, null);
        }
        JsonNode error = root.path("error");
        String message = Providers.errorMessage(channelType, root);
        String code = error.path("code").isString() ? error.path("code").asString() : null;
        String type = error.path("type").isString() ? error.path("type").asString()
                : error.path("status").isString() ? error.path("status").asString() : null;
        return new UpstreamError(status, message, code, type);
    }

    /** The same error with the channel's key and host removed from the message: it may reach the client. */
    public UpstreamError redacted(String key, @Nullable String host) {
        if (message == null) {
            return this;
        }
        String safe = key.isBlank() ? message : message.replace(key, "***");
        return new UpstreamError(status, host == null ? safe : safe.replace(host, "upstream"), code, type);
    }

    /**
     * "HTTP 401 invalid_api_key: Incorrect API key provided: ***" — for an event or an admin's screen: anything
     * key-like (a masked key the upstream quotes back) is removed as well, and the message shortened.
     */
    public String summary() {
        StringBuilder summary = new StringBuilder("HTTP ").append(status);
        if (code != null) {
            summary.append(' ').append(code);
        } else if (type != null) {
            summary.append(' ').append(type);
        }
        if (message != null && !message.isBlank()) {
            String safe = KEY_LIKE.matcher(message).replaceAll("***");
            summary.append(": ").append(safe.length() > MAX_MESSAGE ? safe.substring(0, MAX_MESSAGE) + "…" : safe);
        }
        return summary.toString();
    }
}

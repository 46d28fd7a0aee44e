package io.llm402.gateway.channels;

import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.wire.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A channel's relay options as an operator writes them (management API, bootstrap file, new-api import), checked
 * once here: the parameter override is a JSON object, header names are headers the gateway may set, status codes are
 * error statuses. The header override is sealed before it goes into any event.
 */
public final class RelayOptionsInput {

    /** Masks a header override's values wherever the channel is shown; a masked value sent back keeps the old one. */
    public static final String MASK = "******";

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };
    /** Framing and routing headers belong to the HTTP client; the body's type is always JSON. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "content-type", "expect", "upgrade", "te", "trailer", "keep-alive", "proxy-connection");
    private static final int MAX_SYSTEM_PROMPT = 100_000;
    private static final int MAX_PARAM_OVERRIDE = 100_000;

    private RelayOptionsInput() {
    }

    /**
     * @param headerOverride header name → value; {@link #MASK} keeps the value {@code current} has for that header
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static ChannelRelayOptions build(@Nullable String systemPrompt, boolean systemPromptOverride,
                                            @Nullable JsonNode paramOverride, Map<String, String> headerOverride,
                                            Map<String, String> statusCodeMapping, boolean streamOptions,
                                            @Nullable ChannelRelayOptions current, SecretBox box) {
        if (systemPrompt != null && systemPrompt.length() > MAX_SYSTEM_PROMPT) {
            throw new IllegalArgumentException("system_prompt is longer than " + MAX_SYSTEM_PROMPT + " characters");
        }
        String params = null;
        if (paramOverride != null && !paramOverride.isNull() && !(paramOverride.isObject() && paramOverride.isEmpty())) {
            if (!paramOverride.isObject()) {
                throw new IllegalArgumentException("param_override must be a JSON object merged into the upstream body");
            }
            params = Json.MAPPER.writeValueAsString(paramOverride);
            if (params.length() > MAX_PARAM_OVERRIDE) {
                throw new IllegalArgumentException("param_override is longer than " + MAX_PARAM_OVERRIDE + " characters");
            }
        }
        Map<String, String> kept = current == null ? Map.of() : openHeaders(current, box);
        Map<String, String> headers = new TreeMap<>();
        headerOverride.forEach((name, value) -> {
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}")
                    || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header_override: '" + name + "' is not a header the gateway may set");
            }
            String resolved = MASK.equals(value) ? kept.get(name) : value;
            if (resolved == null || resolved.length() > 8192 || resolved.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("header_override: the value of '" + name
                        + "' must be one line of at most 8192 characters");
            }
            headers.put(name, resolved);
        });
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        statusCodeMapping.forEach((from, to) -> {
            try {
                statuses.put(Integer.parseInt(from.trim()), Integer.parseInt(to.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("status_code_mapping maps status codes to status codes, not '"
                        + from + "' → '" + to + "'");
            }
        });
        String headerJson = headers.isEmpty() ? null : Json.MAPPER.writeValueAsString(headers);
        return new ChannelRelayOptions(systemPrompt, systemPromptOverride, params,
                headerJson == null ? null : box.seal(headerJson), headerJson == null ? null : box.fingerprint(headerJson),
                statuses, streamOptions);
    }

    /** The header override with its values masked, as the channel is shown. */
    public static Map<String, String> maskedHeaders(ChannelRelayOptions options, SecretBox box) {
        Map<String, String> masked = new TreeMap<>();
        openHeaders(options, box).keySet().forEach(name -> masked.put(name, MASK));
        return masked;
    }

    private static Map<String, String> openHeaders(ChannelRelayOptions options, SecretBox box) {
        return options.sealedHeaderOverride() == null ? Map.of()
                : Json.MAPPER.readValue(box.open(options.sealedHeaderOverride()), HEADERS);
    }
}

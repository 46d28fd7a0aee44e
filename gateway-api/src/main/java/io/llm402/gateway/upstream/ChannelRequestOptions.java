package io.llm402.gateway.upstream;

import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A channel's relay options applied to the request built for it: the system prompt in the upstream's own format, the
 * parameter override merged into the body, {@code stream_options} removed where the upstream refuses it, and the
 * header override (with {@code {api_key}} standing for the key). A channel without options costs one check; one with
 * body options costs a parse and a write of the body.
 */
public final class ChannelRequestOptions {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };

    private final SecretBox secretBox;
    /** Parsed once per distinct set of options (catalog refreshes build equal records). */
    private final Map<ChannelRelayOptions, Prepared> prepared = new ConcurrentHashMap<>();

    public ChannelRequestOptions(SecretBox secretBox) {
        this.secretBox = secretBox;
    }

    private record Prepared(@Nullable JsonNode paramOverride, Map<String, String> headers) {
    }

    /** The request as this channel sends it. */
    public UpstreamRequest apply(UpstreamRequest request, ChannelView channel, String key) {
        ChannelRelayOptions options = channel.relay();
        if (options.equals(ChannelRelayOptions.NONE)) {
            return request;
        }
        Prepared ready = prepared(options);
        byte[] body = options.rewritesBody() ? body(request, channel, options, ready) : request.body();
        List<String> headers = request.headers();
        if (!ready.headers().isEmpty()) {
            headers = headers(headers, ready.headers(), key);
        }
        return new UpstreamRequest(request.uri(), headers, body);
    }

    /** The upstream status a client sees: the channel's mapping, else the status itself. */
    public static int clientStatus(ChannelView channel, int upstreamStatus) {
        return channel.relay().statusCodeMapping().getOrDefault(upstreamStatus, upstreamStatus);
    }

    private Prepared prepared(ChannelRelayOptions options) {
        if (prepared.size() > 4096) {
            prepared.clear();
        }
        return prepared.computeIfAbsent(options, o -> new Prepared(
                o.paramOverride() == null ? null : Json.MAPPER.readTree(o.paramOverride()),
                o.sealedHeaderOverride() == null ? Map.of()
                        : Json.MAPPER.readValue(secretBox.open(o.sealedHeaderOverride()), HEADERS)));
    }

    private static byte[] body(UpstreamRequest request, ChannelView channel, ChannelRelayOptions options,
                               Prepared ready) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(request.body());
        } catch (JacksonException e) {
            return request.body();
        }
        if (!(parsed instanceof ObjectNode body)) {
            return request.body();
        }
        // A custom channel's URL is whatever the operator wrote; it is always a chat endpoint.
        Dialect dialect = channel.type().equals(ChannelType.CUSTOM.wireName()) ? Dialect.CHAT
                : Dialect.of(request.uri().getPath());
        if (options.systemPrompt() != null) {
            dialect.addSystemPrompt(body, options.systemPrompt(), options.systemPromptOverride());
        }
        if (!options.streamOptions()) {
            body.remove("stream_options");
        }
        if (ready.paramOverride() != null) {
            mergePatch(body, ready.paramOverride());
        }
        return Json.MAPPER.writeValueAsBytes(body);
    }

    /** RFC 7386: objects merge member by member, {@code null} removes a member, anything else replaces it. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            JsonNode value = member.getValue();
            if (value.isNull()) {
                target.remove(member.getKey());
            } else if (value.isObject() && target.get(member.getKey()) instanceof ObjectNode inner) {
                mergePatch(inner, value);
            } else {
                target.set(member.getKey(), value.deepCopy());
            }
        }
    }

    private static List<String> headers(List<String> original, Map<String, String> overrides, String key) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < original.size(); i += 2) {
            byName.put(original.get(i), original.get(i + 1));
        }
        overrides.forEach((name, value) -> {
            byName.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            byName.put(name, value.replace("{api_key}", key));
        });
        List<String> headers = new ArrayList<>(byName.size() * 2);
        byName.forEach((name, value) -> {
            headers.add(name);
            headers.add(value);
        });
        return headers;
    }

    /** Where each upstream API keeps its system prompt. */
    enum Dialect {
        CHAT {
            @Override
            void addSystemPrompt(ObjectNode body, String prompt, boolean override) {
                if (!(body.get("messages") instanceof ArrayNode messages)) {
                    return;
                }
                for (JsonNode message : messages) {
                    String role = message.path("role").asString("");
                    if (role.equals("system") || role.equals("developer")) {
                        if (override && message instanceof ObjectNode existing) {
                            JsonNode content = existing.get("content");
                            if (content instanceof ArrayNode parts) {
                                parts.insert(0, Json.MAPPER.createObjectNode().put("type", "text").put("text", prompt));
                            } else {
                                existing.put("content", prompt + "\n" + (content == null ? "" : content.asString("")));
                            }
                        }
                        return;
                    }
                }
                messages.insert(0, Json.MAPPER.createObjectNode().put("role", "system").put("content", prompt));
            }
        },
        RESPONSES {
            @Override
            void addSystemPrompt(ObjectNode body, String prompt, boolean override) {
                JsonNode instructions = body.get("instructions");
                if (instructions == null || instructions.isNull() || instructions.asString("").isEmpty()) {
                    body.put("instructions", prompt);
                } else if (override) {
                    body.put("instructions", prompt + "\n" + instructions.asString(""));
                }
            }
        },
        CLAUDE {
            @Override
            void addSystemPrompt(ObjectNode body, String prompt, boolean override) {
                JsonNode system = body.get("system");
                if (system == null || system.isNull() || (system.isString() && system.asString().isEmpty())
                        || (system instanceof ArrayNode empty && empty.isEmpty())) {
                    body.put("system", prompt);
                } else if (override && system instanceof ArrayNode blocks) {
                    blocks.insert(0, Json.MAPPER.createObjectNode().put("type", "text").put("text", prompt));
                } else if (override && system instanceof StringNode text) {
                    body.put("system", prompt + "\n" + text.asString());
                }
            }
        },
        GEMINI {
            @Override
            void addSystemPrompt(ObjectNode body, String prompt, boolean override) {
                String field = body.has("system_instruction") ? "system_instruction" : "systemInstruction";
                ObjectNode part = Json.MAPPER.createObjectNode().put("text", prompt);
                if (body.get(field) instanceof ObjectNode instruction
                        && instruction.get("parts") instanceof ArrayNode parts && !parts.isEmpty()) {
                    if (override) {
                        parts.insert(0, part);
                    }
                    return;
                }
                ObjectNode instruction = body.putObject(field);
                instruction.putArray("parts").add(part);
            }
        },
        /** Embeddings, rerank, legacy completions: no system prompt. */
        NONE {
            @Override
            void addSystemPrompt(ObjectNode body, String prompt, boolean override) {
            }
        };

        abstract void addSystemPrompt(ObjectNode body, String prompt, boolean override);

        static Dialect of(String path) {
            if (path.endsWith("/chat/completions")) {
                return CHAT;
            }
            if (path.endsWith("/responses")) {
                return RESPONSES;
            }
            if (path.endsWith("/messages")) {
                return CLAUDE;
            }
            if (path.endsWith(":generateContent") || path.endsWith(":streamGenerateContent")) {
                return GEMINI;
            }
            return NONE;
        }
    }
}

package io.llm402.gateway.management.channels;

import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.ChannelSettings;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.channel.api.DefineChannelCommand;
import io.llm402.domain.channel.api.DeleteChannelCommand;
import io.llm402.domain.channel.api.EditChannelCommand;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.domain.channel.api.SetChannelStatusCommand;
import io.llm402.domain.shared.Ratio;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.channels.RelayOptionsInput;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.gateway.management.ManagementException;
import io.llm402.gateway.management.Paging;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelAdminView;
import io.llm402.projections.catalog.api.ChannelPage;
import io.llm402.projections.catalog.api.FindChannelByNumberQuery;
import io.llm402.projections.catalog.api.FindChannelQuery;
import io.llm402.projections.catalog.api.SearchChannelsQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * new-api's {@code /api/channel/} for admins: channels with new-api's field names and type numbers. A channel's key
 * is write-only: sealed on arrival, never shown again (lists carry an empty {@code key}).
 */
@RestController
class ChannelController {


    private final AccessReadModel readModel;
    private final ManagementCommands commands;
    private final SecretBox secretBox;
    private final Catalog catalog;

    ChannelController(AccessReadModel readModel, ManagementCommands commands, SecretBox secretBox, Catalog catalog) {
        this.catalog = catalog;
        this.readModel = readModel;
        this.commands = commands;
        this.secretBox = secretBox;
    }

    @GetMapping("/api/channel/")
    Envelope<Paging.PageOf<ChannelJson>> list(HttpServletRequest request) {
        return search("", request);
    }

    @GetMapping("/api/channel/search")
    Envelope<Paging.PageOf<ChannelJson>> search(@RequestParam(defaultValue = "") String keyword,
                                                HttpServletRequest request) {
        Paging paging = Paging.of(request);
        ChannelPage page = readModel.query(new SearchChannelsQuery(keyword.trim(), paging.offset(),
                paging.pageSize()), ChannelPage.class);
        return Envelope.ok(paging.of(page.items().stream().map(c -> ChannelJson.of(c, secretBox)).toList(), page.total()));
    }

    @GetMapping("/api/channel/{id}")
    Envelope<ChannelJson> get(@PathVariable long id) {
        return Envelope.ok(ChannelJson.of(channel(id), secretBox));
    }

    /**
     * new-api's body: the channel itself, or {@code {mode, multi_key_mode, channel: {...}}} as its newer console
     * sends. {@code single}: one channel with one key; {@code batch}: one channel per line of {@code key};
     * {@code multi_to_single}: one channel holding every line as a key, chosen by {@code multi_key_mode}
     * ({@code random} or {@code polling}). Answers the (first) channel created.
     */
    @PostMapping("/api/channel/")
    Envelope<ChannelJson> create(@RequestBody JsonNode body) {
        JsonNode channel = body.has("channel") ? body.path("channel") : body;
        String mode = body.path("mode").asString("single");
        List<String> keys = keys(channel, true);
        List<List<String>> perChannel = switch (mode) {
            case "single" -> {
                if (keys.size() > 1) {
                    throw ManagementException.badRequest("mode 'single' takes one key: use 'multi_to_single' for "
                            + "one channel with several keys, or 'batch' for one channel per key");
                }
                yield List.of(keys);
            }
            case "batch" -> keys.stream().map(List::of).toList();
            case "multi_to_single" -> List.of(keys);
            default -> throw ManagementException.badRequest("mode must be single, batch or multi_to_single");
        };
        String multiKeyMode = body.path("multi_key_mode").asString("");
        ChannelConfiguration configuration = configuration(channel, null,
                multiKeyMode.isBlank() ? null : keySelection(multiKeyMode));
        String first = null;
        for (List<String> channelKeys : perChannel) {
            String channelId = UUID.randomUUID().toString();
            first = first == null ? channelId : first;
            commands.send(new DefineChannelCommand(channelId, configuration, seal(channelKeys)), Caller.current());
            if (channel.path("status").asInt(1) == 2) {
                commands.send(SetChannelStatusCommand.byAdmin(channelId, false), Caller.current());
            }
        }
        ChannelAdminView created = awaitChannel(first);
        // Routing reads the catalog: the channel serves from this answer on, not a reload later.
        catalog.reload();
        return Envelope.ok(ChannelJson.of(created, secretBox));
    }

    /**
     * Edits a channel; a missing or empty {@code key} keeps the keys, else its lines replace them or, with
     * {@code key_mode: "append"}, are added to them. {@code status} 1 or 2 enables or disables it.
     */
    @PutMapping("/api/channel/")
    Envelope<ChannelJson> edit(@RequestBody JsonNode body,
                               @RequestParam(name = "key_mode", required = false) @Nullable String keyModeParam) {
        if (!body.path("id").canConvertToLong()) {
            throw ManagementException.badRequest("id is required");
        }
        ChannelAdminView current = channel(body.path("id").asLong());
        List<String> keys = keys(body, false);
        String keyMode = keyModeParam != null ? keyModeParam : body.path("key_mode").asString("replace");
        if (!keyMode.equals("replace") && !keyMode.equals("append")) {
            throw ManagementException.badRequest("key_mode must be replace or append");
        }
        String multiKeyMode = body.path("multi_key_mode").asString(
                body.path("channel_info").path("multi_key_mode").asString(""));
        ChannelConfiguration configuration = configuration(body, current,
                multiKeyMode.isBlank() ? null : keySelection(multiKeyMode));
        commands.send(new EditChannelCommand(current.channelId(), configuration, keys.isEmpty() ? null : seal(keys),
                keyMode.equals("append")), Caller.current());
        if (body.has("status")) {
            int status = body.path("status").asInt(0);
            if (status != 1 && status != 2) {
                throw ManagementException.badRequest("status must be 1 (enabled) or 2 (disabled)");
            }
            commands.send(SetChannelStatusCommand.byAdmin(current.channelId(), status == 1), Caller.current());
        }
        ChannelAdminView edited = readModel.await(() -> find(current.number()),
                c -> c.configuration().equals(configuration)
                        && (!body.has("status") || c.status() == body.path("status").asInt()
                        || body.path("status").asInt() == 2 && c.status() != ChannelAdminView.ENABLED))
                .orElseThrow(() -> ManagementException.notFound("no such channel"));
        catalog.reload();
        return Envelope.ok(ChannelJson.of(edited, secretBox));
    }

    @DeleteMapping("/api/channel/{id}")
    Envelope<Void> delete(@PathVariable long id) {
        commands.send(new DeleteChannelCommand(channel(id).channelId()), Caller.current());
        return Envelope.ok();
    }

    @PostMapping("/api/channel/{id}/key")
    Envelope<Void> reveal(@PathVariable long id) {
        channel(id);
        throw new ManagementException(HttpStatus.GONE, "channel keys are write-only in LLM402: set a new key to "
                + "change it", "KEY_NOT_RETRIEVABLE");
    }

    private ChannelAdminView channel(long id) {
        return find(id).orElseThrow(() -> ManagementException.notFound("no such channel"));
    }

    private Optional<ChannelAdminView> find(long number) {
        return readModel.queryOptional(new FindChannelByNumberQuery(number), ChannelAdminView.class);
    }

    private ChannelAdminView awaitChannel(String channelId) {
        return readModel.await(() -> readModel.queryOptional(new FindChannelQuery(channelId), ChannelAdminView.class),
                c -> true).orElseThrow(() -> new IllegalStateException("channel not projected"));
    }

    /** new-api's {@code key}: one key, or one per line. */
    private static List<String> keys(JsonNode channel, boolean required) {
        List<String> keys = channel.path("key").asString("").lines().map(String::trim).filter(k -> !k.isEmpty())
                .distinct().toList();
        if (keys.isEmpty() && required) {
            throw ManagementException.badRequest("key is required");
        }
        if (keys.size() > 1000 || keys.stream().anyMatch(k -> k.length() > 8192)) {
            throw ManagementException.badRequest("at most 1000 keys of at most 8192 characters");
        }
        return keys;
    }

    private List<ChannelKey> seal(List<String> keys) {
        return keys.stream().map(key -> ChannelKey.sealed(key, secretBox)).toList();
    }

    private static KeySelection keySelection(String name) {
        try {
            return KeySelection.fromName(name);
        } catch (IllegalArgumentException e) {
            throw ManagementException.badRequest("multi_key_mode: " + e.getMessage());
        }
    }

    /** The configuration from new-api's fields; for an edit, what the body leaves out stays as it is. */
    private ChannelConfiguration configuration(JsonNode body, @Nullable ChannelAdminView current,
                                                      @Nullable KeySelection keySelection) {
        String name = text(body, "name", current == null ? null : current.name());
        if (name == null || name.isBlank() || name.length() > 128) {
            throw ManagementException.badRequest("name must be 1 to 128 characters");
        }
        ChannelType currentType = current == null ? null : ChannelType.fromWireName(current.type());
        ChannelType type;
        if (body.hasNonNull("type_name")) {
            try {
                type = ChannelType.fromWireName(body.path("type_name").asString(""));
            } catch (IllegalArgumentException e) {
                throw ManagementException.badRequest("type_name: " + e.getMessage());
            }
        } else if (body.has("type")) {
            type = currentType == null ? ChannelTypes.fromNumber(body.path("type").asInt(-1))
                    : ChannelTypes.fromNumber(body.path("type").asInt(-1), currentType);
        } else {
            type = currentType != null ? currentType : ChannelTypes.fromNumber(1);
        }
        String baseUrl = text(body, "base_url", current == null ? null : current.baseUrl());
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = ChannelTypes.defaultOrigin(type);
            if (baseUrl == null) {
                throw ManagementException.badRequest("base_url is required for this channel type");
            }
        }
        baseUrl = baseUrl.trim();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (!isHttpUrl(baseUrl.replace("{model}", "model"))) {
            throw ManagementException.badRequest("base_url must be an http:// or https:// URL");
        }
        if (type == ChannelType.CUSTOM && URI.create(baseUrl.replace("{model}", "model")).getRawPath().isEmpty()) {
            throw ManagementException.badRequest("a custom channel's base_url is the full URL of its chat endpoint, "
                    + "such as https://host/v1/chat/completions ({model} stands for the model)");
        }
        List<String> models = body.has("models") ? list(body.path("models")) : current == null ? List.of()
                : current.models();
        if (models.isEmpty()) {
            throw ManagementException.badRequest("models must name at least one model");
        }
        List<String> groups = body.has("group") ? list(body.path("group"))
                : current == null ? List.of("default") : current.groups();
        if (groups.isEmpty()) {
            groups = List.of("default");
        }
        Map<String, String> mapping = body.has("model_mapping") ? mapping(body.path("model_mapping"))
                : current == null ? Map.of() : current.modelMapping();
        int priority = body.has("priority") ? integer(body, "priority") : current == null ? 0 : current.priority();
        int weight = body.has("weight") ? integer(body, "weight") : current == null ? 1 : current.weight();
        if (weight < 0) {
            throw ManagementException.badRequest("weight must not be negative");
        }
        String apiVersion = body.has("other") ? blankToNull(body.path("other").asString(""))
                : current == null ? null : current.apiVersion();
        ChannelSettings settings = settings(body.path("setting"), current);
        ChannelRelayOptions relay = relayOptions(body, current);
        KeySelection selection = keySelection != null ? keySelection
                : current == null ? KeySelection.RANDOM : current.keySelection();
        boolean autoDisable = body.has("auto_ban") ? body.path("auto_ban").asInt(1) != 0
                : current == null || current.autoDisable();
        String testModel = body.has("test_model") ? blankToNull(body.path("test_model").asString(""))
                : current == null ? null : current.testModel();
        return new ChannelConfiguration(name.trim(), type, baseUrl, models, mapping, groups, priority, weight,
                new ChannelSettings(settings.promptCacheRatio(), settings.thinkingToContent(), apiVersion, selection,
                        autoDisable, testModel, relay));
    }

    /**
     * new-api's {@code param_override}, {@code header_override} and {@code status_code_mapping} (JSON strings, or
     * objects) and its {@code setting.system_prompt} / {@code system_prompt_override}, with LLM402's
     * {@code setting.stream_options}; what the body leaves out stays as it is.
     */
    private ChannelRelayOptions relayOptions(JsonNode body, @Nullable ChannelAdminView current) {
        ChannelRelayOptions kept = current == null ? ChannelRelayOptions.NONE : current.relay();
        JsonNode setting = jsonField(body.path("setting"), "setting");
        String systemPrompt = setting.has("system_prompt") ? blankToNull(setting.path("system_prompt").asString(""))
                : kept.systemPrompt();
        boolean systemPromptOverride = setting.has("system_prompt_override")
                ? setting.path("system_prompt_override").asBoolean() : kept.systemPromptOverride();
        boolean streamOptions = setting.has("stream_options") ? setting.path("stream_options").asBoolean(true)
                : kept.streamOptions();
        JsonNode params = body.has("param_override") ? jsonField(body.path("param_override"), "param_override")
                : kept.paramOverride() == null ? null : Json.MAPPER.readTree(kept.paramOverride());
        Map<String, String> headers = body.has("header_override")
                ? stringMap(jsonField(body.path("header_override"), "header_override"), "header_override")
                : RelayOptionsInput.maskedHeaders(kept, secretBox);
        Map<String, String> statuses = new LinkedHashMap<>();
        if (body.has("status_code_mapping")) {
            statuses.putAll(stringMap(jsonField(body.path("status_code_mapping"), "status_code_mapping"),
                    "status_code_mapping"));
        } else {
            kept.statusCodeMapping().forEach((from, to) -> statuses.put(from.toString(), to.toString()));
        }
        try {
            return RelayOptionsInput.build(systemPrompt, systemPromptOverride, params, headers, statuses,
                    streamOptions, kept, secretBox);
        } catch (IllegalArgumentException e) {
            throw ManagementException.badRequest(e.getMessage());
        }
    }

    /** A JSON object given as new-api does (a JSON string) or as an object; empty when missing or blank. */
    private static JsonNode jsonField(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode object = node;
        if (node.isString()) {
            try {
                object = Json.MAPPER.readTree(node.asString());
            } catch (JacksonException e) {
                throw ManagementException.badRequest(field + " must be a JSON object");
            }
        }
        if (!object.isObject()) {
            throw ManagementException.badRequest(field + " must be a JSON object");
        }
        return object;
    }

    private static Map<String, String> stringMap(JsonNode object, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (!member.getValue().isValueNode() || member.getValue().isNull()) {
                throw ManagementException.badRequest(field + " maps names to text values");
            }
            values.put(member.getKey(), member.getValue().asString());
        }
        return values;
    }

    /** new-api keeps channel settings as a JSON string; LLM402 reads {@code thinking_to_content} and its cache ratio. */
    private static ChannelSettings settings(JsonNode setting, @Nullable ChannelAdminView current) {
        ChannelSettings kept = current == null ? ChannelSettings.DEFAULTS
                : new ChannelSettings(current.promptCacheRatioMillionths() == null ? null
                        : new Ratio(current.promptCacheRatioMillionths()), current.thinkingToContent(), null);
        if (setting.isMissingNode() || setting.isNull()) {
            return kept;
        }
        JsonNode object = setting;
        if (setting.isString()) {
            if (setting.asString().isBlank()) {
                return kept;
            }
            try {
                object = Json.MAPPER.readTree(setting.asString());
            } catch (JacksonException e) {
                throw ManagementException.badRequest("setting must be a JSON object");
            }
        }
        if (!object.isObject()) {
            throw ManagementException.badRequest("setting must be a JSON object");
        }
        Ratio cacheRatio = kept.promptCacheRatio();
        if (object.has("prompt_cache_ratio")) {
            JsonNode ratio = object.path("prompt_cache_ratio");
            try {
                cacheRatio = ratio.isNull() ? null : Ratio.of(new BigDecimal(ratio.asString()));
            } catch (IllegalArgumentException e) {
                throw ManagementException.badRequest("setting.prompt_cache_ratio must be a ratio ≥ 0 with at most "
                        + "6 decimal places");
            }
        }
        boolean thinking = object.has("thinking_to_content") ? object.path("thinking_to_content").asBoolean()
                : kept.thinkingToContent();
        return new ChannelSettings(cacheRatio, thinking, null);
    }

    private static @Nullable String text(JsonNode body, String field, @Nullable String fallback) {
        JsonNode node = body.path(field);
        return node.isMissingNode() || node.isNull() ? fallback : node.asString();
    }

    private static int integer(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (!node.canConvertToInt()) {
            throw ManagementException.badRequest(field + " must be a whole number");
        }
        return node.asInt();
    }

    /** new-api sends lists as comma-separated strings; a JSON array is accepted too. */
    private static List<String> list(JsonNode node) {
        List<String> values = node.isArray()
                ? node.valueStream().map(JsonNode::asString).toList()
                : Arrays.asList(node.asString("").split(","));
        List<String> cleaned = List.copyOf(new LinkedHashSet<>(values.stream().map(String::trim)
                .filter(s -> !s.isEmpty()).toList()));
        if (cleaned.size() > 1000 || cleaned.stream().anyMatch(s -> s.length() > 255)) {
            throw ManagementException.badRequest("a list holds at most 1000 names of at most 255 characters");
        }
        return cleaned;
    }

    /** new-api keeps the mapping as a JSON string {@code {"requested": "upstream"}}; an object is accepted too. */
    private static Map<String, String> mapping(JsonNode node) {
        JsonNode object = node;
        if (node.isString()) {
            if (node.asString().isBlank()) {
                return Map.of();
            }
            try {
                object = Json.MAPPER.readTree(node.asString());
            } catch (JacksonException e) {
                throw ManagementException.badRequest("model_mapping must be a JSON object of model names");
            }
        }
        if (node.isNull()) {
            return Map.of();
        }
        if (!object.isObject()) {
            throw ManagementException.badRequest("model_mapping must be a JSON object of model names");
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getValue().isString() || entry.getValue().asString().isBlank()) {
                throw ManagementException.badRequest("model_mapping values must be model names");
            }
            mapping.put(entry.getKey(), entry.getValue().asString());
        }
        return mapping;
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value.trim();
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

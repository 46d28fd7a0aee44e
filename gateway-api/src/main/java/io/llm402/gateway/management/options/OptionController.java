package io.llm402.gateway.management.options;

import io.llm402.domain.pricing.api.DefineGroupCommand;
import io.llm402.domain.pricing.api.DefineModelPriceCommand;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.settings.api.ChangeSettingsCommand;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.channels.ChannelOperationSettings;
import io.llm402.domain.shared.Ratio;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.gateway.management.ManagementException;
import io.llm402.gateway.management.auth.ExternalLoginSettings;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.FindSettingsQuery;
import io.llm402.projections.catalog.api.GroupView;
import io.llm402.projections.catalog.api.ListGroupsQuery;
import io.llm402.projections.catalog.api.ListModelPricesQuery;
import io.llm402.projections.catalog.api.ModelPriceView;
import io.llm402.projections.catalog.api.SettingsView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * new-api's {@code /api/option/} (root only) for the options LLM402 has: the price options (model ratio, completion
 * ratio, model price, cache ratio), the group ratios, the global prompt-cache ratio, the login switches and the
 * model request rate limit ({@code ModelRequestRateLimit…}, new-api's names, values and defaults) and the in-flight
 * limits per key and per user ({@code ApiKeyConcurrencyLimit}, {@code UserConcurrencyLimit}). Each
 * change goes through the same commands as the bootstrap file. Secret options (client secrets, the Telegram bot
 * token) are sealed before they are stored and never listed.
 */
@RestController
class OptionController {

    static final String GROUP_RATIO = "GroupRatio";
    private static final Map<String, SettingKey> SETTINGS = NewApiOptions.SETTINGS;

    private static final Map<SettingKey, String> DEFAULTS = defaults();

    private static Map<SettingKey, String> defaults() {
        Map<SettingKey, String> defaults = new java.util.EnumMap<>(SettingKey.class);
        defaults.putAll(Map.of(SettingKey.REGISTER_ENABLED, "true",
                SettingKey.PASSWORD_LOGIN_ENABLED, "true", SettingKey.MODEL_REQUEST_RATE_LIMIT_ENABLED, "false",
                SettingKey.MODEL_REQUEST_RATE_LIMIT_DURATION_MINUTES, "1", SettingKey.MODEL_REQUEST_RATE_LIMIT_COUNT,
                "0", SettingKey.MODEL_REQUEST_RATE_LIMIT_SUCCESS_COUNT, "1000",
                SettingKey.MODEL_REQUEST_RATE_LIMIT_GROUP, "{}", SettingKey.CONCURRENT_REQUESTS_PER_KEY, "0",
                SettingKey.CONCURRENT_REQUESTS_PER_USER, "0"));
        defaults.putAll(ChannelOperationSettings.DEFAULTS);
        defaults.putAll(ExternalLoginSettings.DEFAULTS);
        return Map.copyOf(defaults);
    }

    private final QueryGateway queries;
    private final AccessReadModel readModel;
    private final ManagementCommands commands;

    private final Catalog catalog;

    private final SecretBox secretBox;

    OptionController(QueryGateway queries, AccessReadModel readModel, ManagementCommands commands, Catalog catalog,
                     SecretBox secretBox) {
        this.catalog = catalog;
        this.secretBox = secretBox;
        this.queries = queries;
        this.readModel = readModel;
        this.commands = commands;
    }

    record Option(String key, String value) {
    }

    @GetMapping("/api/option/")
    Envelope<List<Option>> list() {
        Map<String, ModelPriceView> prices = prices();
        List<Option> options = new ArrayList<>();
        for (String key : List.of(PriceOptions.MODEL_RATIO, PriceOptions.COMPLETION_RATIO, PriceOptions.MODEL_PRICE,
                PriceOptions.CACHE_RATIO)) {
            options.add(new Option(key, Json.MAPPER.writeValueAsString(PriceOptions.view(key, prices))));
        }
        Map<String, BigDecimal> groups = new TreeMap<>();
        groups().forEach(g -> groups.put(g.group(), new Ratio(g.ratioMillionths()).toBigDecimal()));
        options.add(new Option(GROUP_RATIO, Json.MAPPER.writeValueAsString(groups)));
        Map<String, String> settings = readModel.query(new FindSettingsQuery(), SettingsView.class).values();
        new TreeMap<>(SETTINGS).forEach((name, key) -> {
            String value = settings.getOrDefault(key.wireName(), DEFAULTS.get(key));
            if (value != null) {
                options.add(new Option(name, value));
            }
        });
        // Secrets are write-only, as in new-api (which hides every option ending in Token, Secret or Key).
        options.removeIf(o -> SETTINGS.containsKey(o.key()) && SETTINGS.get(o.key()).secret());
        return Envelope.ok(options);
    }

    record OptionUpdate(@Nullable String key, @Nullable Object value) {
    }

    /** Sets one option. A map option is validated whole before anything changes. */
    @PutMapping("/api/option/")
    Envelope<Void> update(@RequestBody OptionUpdate body) {
        if (body.key() == null || body.value() == null) {
            throw ManagementException.badRequest("key and value are required");
        }
        String key = body.key();
        String value = body.value() instanceof String s ? s : Json.MAPPER.writeValueAsString(body.value());
        Caller caller = Caller.current();
        if (PriceOptions.isPriceOption(key)) {
            Map<String, ModelPrice> changed = PriceOptions.apply(key, decimals(key, value), prices());
            changed.forEach((model, price) -> commands.send(new DefineModelPriceCommand(model, price), caller));
            // The next option may build on these prices: answer once the price table shows them.
            readModel.await(() -> Optional.of(prices()), now -> changed.entrySet().stream().allMatch(change ->
                    now.containsKey(change.getKey())
                            && PriceOptions.price(now.get(change.getKey())).equals(change.getValue())));
        } else if (key.equals(GROUP_RATIO)) {
            Map<String, Ratio> ratios = new LinkedHashMap<>();
            decimals(key, value).forEach((group, ratio) -> {
                if (!group.matches("[A-Za-z0-9_.-]{1,64}")) {
                    throw ManagementException.badRequest(key + ": '" + group + "' is not a group name");
                }
                try {
                    ratios.put(group, Ratio.of(ratio));
                } catch (IllegalArgumentException e) {
                    throw ManagementException.badRequest(key + "." + group + ": " + e.getMessage());
                }
            });
            ratios.forEach((group, ratio) -> commands.send(new DefineGroupCommand(group, ratio), caller));
            readModel.await(() -> Optional.of(groups()), now -> ratios.entrySet().stream().allMatch(ratio ->
                    now.contains(new GroupView(ratio.getKey(), ratio.getValue().millionths()))));
        } else if (SETTINGS.containsKey(key)) {
            SettingKey setting = SETTINGS.get(key);
            String normalized = settingValue(key, setting, value);
            String wanted = setting.secret() && !normalized.isEmpty() ? secretBox.seal(normalized) : normalized;
            commands.send(new ChangeSettingsCommand(ChangeSettingsCommand.GLOBAL, Map.of(setting, wanted)), caller);
            readModel.await(() -> Optional.of(readModel.query(new FindSettingsQuery(), SettingsView.class)),
                    now -> wanted.equals(now.values().get(setting.wireName())));
        } else {
            throw ManagementException.badRequest("LLM402 has no option '" + (key.length() > 64
                    ? key.substring(0, 64) + "…" : key) + "'");
        }
        // Prices and settings act on requests through the catalog: from this answer on, not a reload later.
        catalog.reload();
        return Envelope.ok();
    }

    @GetMapping("/api/group/")
    Envelope<List<String>> groupNames() {
        return Envelope.ok(groups().stream().map(GroupView::group).sorted().toList());
    }

    private static String settingValue(String name, SettingKey key, String value) {
        try {
            return NewApiOptions.normalize(name, key, value);
        } catch (IllegalArgumentException e) {
            throw ManagementException.badRequest(e.getMessage());
        }
    }

    private static Map<String, BigDecimal> decimals(String key, String value) {
        JsonNode map;
        try {
            map = Json.MAPPER.readTree(value);
        } catch (JacksonException e) {
            throw ManagementException.badRequest(key + " must be a JSON object of numbers");
        }
        if (map == null || !map.isObject()) {
            throw ManagementException.badRequest(key + " must be a JSON object of numbers");
        }
        Map<String, BigDecimal> decimals = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!entry.getValue().isNumber() || entry.getKey().isBlank() || entry.getKey().length() > 255) {
                throw ManagementException.badRequest(key + "." + entry.getKey() + " must be a number");
            }
            decimals.put(entry.getKey(), entry.getValue().decimalValue());
        }
        return decimals;
    }

    private Map<String, ModelPriceView> prices() {
        Collection<ModelPriceView> prices = queries.query(new ListModelPricesQuery(),
                ResponseTypes.multipleInstancesOf(ModelPriceView.class)).join();
        return prices.stream().collect(Collectors.toMap(ModelPriceView::model, Function.identity()));
    }

    private List<GroupView> groups() {
        return queries.query(new ListGroupsQuery(), ResponseTypes.multipleInstancesOf(GroupView.class)).join();
    }
}

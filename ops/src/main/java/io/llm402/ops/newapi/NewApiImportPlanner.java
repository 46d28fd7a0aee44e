package io.llm402.ops.newapi;

import io.llm402.domain.access.api.ApiTokenTerms;
import io.llm402.domain.access.api.DefineApiTokenCommand;
import io.llm402.domain.access.api.SetApiTokenStatusCommand;
import io.llm402.domain.account.api.ImportUserCommand;
import io.llm402.domain.account.api.ImportedAccount;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.ChannelSettings;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.channel.api.DefineChannelCommand;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.domain.channel.api.SetChannelKeyStatusCommand;
import io.llm402.domain.channel.api.SetChannelStatusCommand;
import io.llm402.domain.ledger.api.CreditWalletCommand;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.pricing.api.DefineGroupCommand;
import io.llm402.domain.pricing.api.DefineModelPriceCommand;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.redemption.api.IssueRedemptionCodeCommand;
import io.llm402.domain.redemption.api.RedemptionTerms;
import io.llm402.domain.redemption.api.SetRedemptionCodeStatusCommand;
import io.llm402.domain.settings.api.ChangeSettingsCommand;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.domain.shared.Ratio;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.channels.RelayOptionsInput;
import io.llm402.gateway.management.channels.ChannelTypes;
import io.llm402.gateway.management.options.NewApiOptions;
import io.llm402.gateway.wire.Json;
import io.llm402.ops.newapi.ImportPlan.Phase;
import io.llm402.ops.newapi.ImportPlan.Step;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Decides what a new-api database becomes: every row is brought over, or skipped with its reason in the report, and
 * every option and per-channel setting LLM402 does not have is named there. Ids are derived from new-api's (users by
 * username, as LLM402 names them), so a second import addresses the same aggregates and changes nothing.
 */
final class NewApiImportPlanner {

    static final long DEFAULT_QUOTA_PER_UNIT = 500_000;
    private static final String SYSTEM = "new-api";
    private static final BigDecimal NANO_PER_USD = BigDecimal.valueOf(1_000_000_000L);
    /** new-api's model ratio 1 is 2 USD per million input tokens. */
    private static final BigDecimal NANO_PER_MTOK_PER_RATIO = BigDecimal.valueOf(2_000_000_000L);
    private static final Map<Integer, String> TYPE_NAMES = Map.ofEntries(Map.entry(2, "Midjourney"),
            Map.entry(4, "Ollama"), Map.entry(11, "PaLM"), Map.entry(15, "Baidu"), Map.entry(17, "Ali"),
            Map.entry(18, "Xunfei"), Map.entry(20, "OpenRouter"), Map.entry(25, "Moonshot"),
            Map.entry(33, "AWS Bedrock"), Map.entry(40, "SiliconFlow"), Map.entry(41, "Vertex AI"),
            Map.entry(45, "VolcEngine"), Map.entry(48, "xAI"), Map.entry(49, "Coze"));
    private static final Set<String> PRICE_OPTIONS = Set.of("ModelRatio", "CompletionRatio", "ModelPrice",
            "CacheRatio", "GroupRatio", "QuotaPerUnit");

    private final SecretBox secretBox;
    private final ImportReport report = new ImportReport();
    private final long quotaPerUnit;
    private final Map<Long, NewApiDatabase.User> importedUsers = new HashMap<>();
    private final Set<String> knownGroups = new LinkedHashSet<>();
    private final Map<String, Ratio> groupRatios = new LinkedHashMap<>();

    NewApiImportPlanner(SecretBox secretBox, @Nullable Long quotaPerUnitOverride, NewApiDatabase database,
                        String sourceDescription) {
        this.secretBox = secretBox;
        this.quotaPerUnit = quotaPerUnitOverride != null ? quotaPerUnitOverride
                : parseQuotaPerUnit(database.options().get("QuotaPerUnit"));
        report.source(sourceDescription, quotaPerUnit);
    }

    ImportPlan plan(NewApiDatabase database) {
        List<Step> settings = new ArrayList<>();
        planOptions(database.options(), settings);
        List<Step> users = new ArrayList<>();
        List<Step> balances = new ArrayList<>();
        planUsers(database.users(), users, balances);
        List<Step> tokens = planTokens(database.tokens());
        List<Step> channels = planChannels(database.channels());
        List<Step> codes = planRedemptions(database.redemptions());
        // Groups that rows name but GroupRatio does not: new-api prices them at 1, so does LLM402.
        for (String group : knownGroups) {
            if (!groupRatios.containsKey(group)) {
                settings.add(new Step("group " + group, List.of(new DefineGroupCommand(group, Ratio.ONE))));
                report.note("group \"" + group + "\" is used but has no GroupRatio: defined with ratio 1");
            }
        }
        return new ImportPlan(List.of(new Phase("settings, groups and prices", settings),
                new Phase("users", users), new Phase("balances", balances), new Phase("API keys", tokens),
                new Phase("channels", channels), new Phase("redemption codes", codes)), report);
    }

    private void planOptions(Map<String, String> options, List<Step> steps) {
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        new TreeMap<>(options).forEach((name, value) -> {
            SettingKey key = NewApiOptions.SETTINGS.get(name);
            if (key != null) {
                try {
                    String normalized = NewApiOptions.normalize(name, key, value);
                    // new-api keeps its OAuth client secrets and bot token in clear; here they are sealed.
                    values.put(key, key.secret() && !normalized.isEmpty() ? secretBox.seal(normalized) : normalized);
                    report.option(name, true);
                } catch (IllegalArgumentException e) {
                    report.option(name, false);
                    report.note("option " + name + " not imported: " + e.getMessage());
                }
            } else if (!PRICE_OPTIONS.contains(name)) {
                report.option(name, false);
            }
        });
        if (!values.isEmpty()) {
            steps.add(new Step("settings", List.of(new ChangeSettingsCommand(ChangeSettingsCommand.GLOBAL, values))));
        }
        if (options.containsKey("QuotaPerUnit")) {
            report.option("QuotaPerUnit", true);
        }
        decimals(options, "GroupRatio").forEach((group, value) -> {
            try {
                Ratio ratio = Ratio.of(value);
                groupRatios.put(group, ratio);
                steps.add(new Step("group " + group, List.of(new DefineGroupCommand(group, ratio))));
            } catch (IllegalArgumentException e) {
                report.note("GroupRatio." + group + " not imported: " + e.getMessage());
            }
        });
        planPrices(options, steps);
    }

    /** new-api's price options, model by model: a ModelPrice (per call) wins over the ratios, as in new-api. */
    private void planPrices(Map<String, String> options, List<Step> steps) {
        Map<String, BigDecimal> modelRatio = decimals(options, "ModelRatio");
        Map<String, BigDecimal> completionRatio = decimals(options, "CompletionRatio");
        Map<String, BigDecimal> modelPrice = decimals(options, "ModelPrice");
        Map<String, BigDecimal> cacheRatio = decimals(options, "CacheRatio");
        Set<String> models = new TreeSet<>(modelRatio.keySet());
        models.addAll(modelPrice.keySet());
        for (String model : models) {
            try {
                Ratio cache = cacheRatio.containsKey(model) ? Ratio.of(cacheRatio.get(model)) : null;
                ModelPrice price;
                if (modelPrice.containsKey(model)) {
                    long perCall = modelPrice.get(model).multiply(NANO_PER_USD).setScale(0, RoundingMode.HALF_UP)
                            .longValueExact();
                    price = new ModelPrice(0, 0, perCall, cache, null);
                } else {
                    BigDecimal input = modelRatio.get(model).multiply(NANO_PER_MTOK_PER_RATIO);
                    BigDecimal output = input.multiply(completionRatio.getOrDefault(model, BigDecimal.ONE));
                    price = new ModelPrice(input.setScale(0, RoundingMode.HALF_UP).longValueExact(),
                            output.setScale(0, RoundingMode.HALF_UP).longValueExact(), null, cache, null);
                }
                steps.add(new Step("price of " + model, List.of(new DefineModelPriceCommand(model, price))));
                report.mapped("model prices");
            } catch (ArithmeticException | IllegalArgumentException e) {
                report.note("price of " + model + " not imported: " + e.getMessage());
            }
        }
        for (String name : List.of("ModelRatio", "CompletionRatio", "ModelPrice", "CacheRatio", "GroupRatio")) {
            if (options.containsKey(name)) {
                report.option(name, true);
            }
        }
    }

    private void planUsers(List<NewApiDatabase.User> users, List<Step> steps, List<Step> balances) {
        Set<String> usernames = new HashSet<>();
        for (NewApiDatabase.User user : users) {
            report.read("users");
            String label = "user #" + user.id() + " \"" + user.username() + "\"";
            if (user.deleted()) {
                report.skipped("users", label + ": deleted in new-api");
                report.balance(user.quota(), 0, true);
                continue;
            }
            Role role = switch (user.role()) {
                case 100 -> Role.ROOT;
                case 10 -> Role.ADMIN;
                default -> Role.USER;
            };
            if (user.username().isBlank() || !usernames.add(user.username())) {
                report.skipped("users", label + ": empty or repeated username");
                report.balance(user.quota(), 0, true);
                continue;
            }
            String group = user.group().isBlank() ? "default" : user.group();
            knownGroups.add(group);
            String userId = NaturalIds.userId(user.username());
            long used = nanoUsd(Math.max(0, user.usedQuota()));
            steps.add(new Step(label, List.of(new ImportUserCommand(userId, new UserProfile(user.username(), role,
                    group), user.displayName(), user.email(), user.passwordHash(), user.status() == 1,
                    new ImportedAccount(SYSTEM, user.id(), used, user.requestCount())))));
            report.imported("users");
            report.mapped("users as " + role.wireName());
            importedUsers.put(user.id(), user);
            if (user.passwordHash() != null && !user.passwordHash().startsWith("$2")) {
                report.note(label + ": its password is not a BCrypt hash; it cannot log in with a password");
            }
            user.bindings().keySet().forEach(provider -> report.mapped("external login bindings left behind ("
                    + provider + ")"));
            long balance = nanoUsd(Math.max(0, user.quota()));
            report.balance(user.quota(), balance, false);
            if (user.quota() < 0) {
                report.note(label + ": a negative balance (" + user.quota() + " quota) opens at 0");
            }
            if (balance > 0) {
                balances.add(new Step("balance of " + user.username(), List.of(new CreditWalletCommand(userId,
                        "new-api-balance:" + user.id(), balance, TransferCode.IMPORTED_BALANCE))));
            }
        }
        if (users.stream().anyMatch(u -> !u.bindings().isEmpty())) {
            report.note("external login bindings (GitHub, OIDC, Telegram, LINUX DO, WeChat) are not imported: "
                    + "LLM402 has no external logins yet; those users log in with a password or ask for a reset");
        }
    }

    private List<Step> planTokens(List<NewApiDatabase.Token> tokens) {
        List<Step> steps = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (NewApiDatabase.Token token : tokens) {
            report.read("tokens");
            String label = "token #" + token.id() + " \"" + token.name() + "\"";
            NewApiDatabase.User owner = importedUsers.get(token.userId());
            if (token.deleted()) {
                report.skipped("tokens", label + ": deleted in new-api");
                continue;
            }
            if (owner == null) {
                report.skipped("tokens", label + ": its user #" + token.userId() + " is not imported");
                continue;
            }
            String key = token.key().startsWith("sk-") ? token.key() : "sk-" + token.key();
            if (token.key().isBlank() || !keys.add(key)) {
                report.skipped("tokens", label + ": empty or repeated key");
                continue;
            }
            String group = token.group().isBlank() ? null : token.group();
            if ("auto".equals(group)) {
                report.note(label + ": group \"auto\" (new-api's automatic group) follows its user's group");
                group = null;
            }
            if (group != null) {
                knownGroups.add(group);
            }
            List<String> models = token.modelLimitsEnabled() ? split(token.modelLimits(), ",") : List.of();
            Long limit = token.unlimitedQuota() ? null : nanoUsd(Math.max(0, token.remainQuota()));
            Instant expires = token.expiredTime() <= 0 ? null : Instant.ofEpochSecond(token.expiredTime());
            ApiTokenTerms terms = new ApiTokenTerms(token.name().isBlank() ? "token-" + token.id() : token.name(),
                    group, models, limit, expires, split(token.allowIps(), "[\\n,]"));
            String tokenId = derivedId("token", token.id());
            boolean enabled = token.status() != 2;
            steps.add(new Step(label, List.of(
                    new DefineApiTokenCommand(tokenId, NaturalIds.userId(owner.username()), terms,
                            secretBox.tokenDigest(key), SecretBox.hint(key), false),
                    new SetApiTokenStatusCommand(tokenId, enabled))));
            report.imported("tokens");
            report.mapped("tokens " + switch (token.status()) {
                case 2 -> "disabled";
                case 3 -> "expired (kept with their expiry)";
                case 4 -> "exhausted (kept with their remaining limit)";
                default -> "enabled";
            });
        }
        return steps;
    }

    private List<Step> planChannels(List<NewApiDatabase.Channel> channels) {
        List<Step> steps = new ArrayList<>();
        for (NewApiDatabase.Channel channel : channels) {
            report.read("channels");
            String label = "channel #" + channel.id() + " \"" + channel.name() + "\"";
            ChannelType type = ChannelTypes.ofNumber(channel.type()).orElse(null);
            if (type == null) {
                String name = TYPE_NAMES.getOrDefault(channel.type(), "type " + channel.type());
                report.skipped("channels", label + ": " + name + " (new-api type " + channel.type()
                        + ") is not a channel type LLM402 relays to");
                report.mapped("channel type " + channel.type() + " (" + name + ") → not supported");
                continue;
            }
            report.mapped("channel type " + channel.type() + " → " + type.wireName());
            String baseUrl = channel.baseUrl().isBlank() ? ChannelTypes.defaultOrigin(type) : channel.baseUrl().trim();
            if (baseUrl == null || !isHttpUrl(baseUrl.replace("{model}", "model"))) {
                report.skipped("channels", label + ": no usable base URL");
                continue;
            }
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            List<String> models = split(channel.models(), ",");
            List<String> keys = split(channel.key(), "\n").stream().distinct().toList();
            if (models.isEmpty() || keys.isEmpty()) {
                report.skipped("channels", label + ": " + (models.isEmpty() ? "no models" : "no key"));
                continue;
            }
            List<String> groups = split(channel.group(), ",");
            groups = groups.isEmpty() ? List.of("default") : groups;
            knownGroups.addAll(groups);
            JsonNode info = json(channel.channelInfo());
            JsonNode setting = json(channel.setting());
            KeySelection selection = "polling".equals(info.path("multi_key_mode").asString(""))
                    ? KeySelection.ROUND_ROBIN : KeySelection.RANDOM;
            String apiVersion = type == ChannelType.AZURE && !channel.other().isBlank() ? channel.other().trim()
                    : null;
            List<String> extras = new ArrayList<>(channel.extras().keySet());
            NewApiReader.CHANNEL_SETTING_EXTRAS.stream().filter(name -> isSet(setting.path(name)))
                    .forEach(name -> extras.add("setting." + name));
            ChannelRelayOptions relay = relayOptions(channel, setting, label, extras);
            ChannelSettings settings = new ChannelSettings(null, setting.path("thinking_to_content").asBoolean(false),
                    apiVersion, selection, channel.autoBan(),
                    channel.testModel().isBlank() ? null : channel.testModel().trim(), relay);
            ChannelConfiguration configuration = new ChannelConfiguration(channel.name().isBlank()
                    ? "channel-" + channel.id() : channel.name(), type, baseUrl, models,
                    modelMapping(channel, label), groups, (int) Math.clamp(channel.priority(), Integer.MIN_VALUE,
                    Integer.MAX_VALUE), (int) Math.clamp(channel.weight(), 0, Integer.MAX_VALUE), settings);
            String channelId = derivedId("channel", channel.id());
            List<ChannelKey> sealed = keys.stream().map(k -> ChannelKey.sealed(k, secretBox)).toList();
            List<Object> commands = new ArrayList<>();
            commands.add(new DefineChannelCommand(channelId, configuration, sealed));
            commands.addAll(keyStatuses(channelId, info, sealed));
            commands.add(channel.status() == 1 ? SetChannelStatusCommand.byAdmin(channelId, true)
                    : new SetChannelStatusCommand(channelId, false, statusReason(channel), channel.status() == 3));
            steps.add(new Step(label, commands));
            report.imported("channels");
            if (keys.size() > 1) {
                report.mapped("multi-key channels");
            }
            if (!extras.isEmpty()) {
                report.notCarriedOver(label + ": " + String.join(", ", extras));
            }
        }
        return steps;
    }

    /**
     * new-api's system prompt, parameter override (its merge form; the operations form is not carried over), header
     * override and status code mapping; what is carried over leaves {@code extras}.
     */
    private ChannelRelayOptions relayOptions(NewApiDatabase.Channel channel, JsonNode setting, String label,
                                             List<String> extras) {
        JsonNode params = json(channel.extras().getOrDefault("param_override", ""));
        if (params.has("operations")) {
            params = Json.MAPPER.missingNode();
        } else {
            extras.remove("param_override");
        }
        try {
            ChannelRelayOptions relay = RelayOptionsInput.build(
                    setting.path("system_prompt").isString() ? setting.path("system_prompt").asString() : null,
                    setting.path("system_prompt_override").asBoolean(false),
                    params.isMissingNode() ? null : params, textMap(channel.extras().get("header_override")),
                    textMap(channel.extras().get("status_code_mapping")), true, null, secretBox);
            extras.removeAll(List.of("header_override", "status_code_mapping", "setting.system_prompt",
                    "setting.system_prompt_override"));
            return relay;
        } catch (IllegalArgumentException e) {
            report.note(label + ": its system prompt and overrides were not carried over: " + e.getMessage());
            if (!params.isMissingNode()) {
                extras.add("param_override");
            }
            return ChannelRelayOptions.NONE;
        }
    }

    private static Map<String, String> textMap(@Nullable String text) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode object = text == null ? Json.MAPPER.missingNode() : json(text);
        if (object.isObject()) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                values.put(member.getKey(), member.getValue().asString(""));
            }
        }
        return values;
    }

    /** Keys new-api disabled, by their position in the key list: disabled here too, with new-api's reason. */
    private static List<Object> keyStatuses(String channelId, JsonNode info, List<ChannelKey> keys) {
        List<Object> commands = new ArrayList<>();
        JsonNode statuses = info.path("multi_key_status_list");
        for (int i = 0; i < keys.size(); i++) {
            int status = statuses.path(Integer.toString(i)).asInt(1);
            if (status == 2 || status == 3) {
                String reason = info.path("multi_key_disabled_reason").path(Integer.toString(i))
                        .asString("disabled in new-api");
                commands.add(new SetChannelKeyStatusCommand(channelId, List.of(keys.get(i).fingerprint()), false,
                        reason.isBlank() ? "disabled in new-api" : reason, status == 3));
            }
        }
        return commands;
    }

    private static String statusReason(NewApiDatabase.Channel channel) {
        String reason = json(channel.otherInfo()).path("status_reason").asString("");
        return !reason.isBlank() ? reason
                : channel.status() == 3 ? "disabled automatically in new-api" : "disabled by an admin in new-api";
    }

    private Map<String, String> modelMapping(NewApiDatabase.Channel channel, String label) {
        if (channel.modelMapping().isBlank()) {
            return Map.of();
        }
        JsonNode mapping = json(channel.modelMapping());
        Map<String, String> result = new LinkedHashMap<>();
        if (!mapping.isObject()) {
            report.notCarriedOver(label + ": model_mapping is not a JSON object");
            return result;
        }
        mapping.properties().forEach(entry -> {
            if (entry.getValue().isString() && !entry.getValue().asString().isBlank()) {
                result.put(entry.getKey(), entry.getValue().asString());
            }
        });
        return result;
    }

    private List<Step> planRedemptions(List<NewApiDatabase.Redemption> codes) {
        List<Step> steps = new ArrayList<>();
        for (NewApiDatabase.Redemption code : codes) {
            report.read("redemptions");
            String label = "redemption code #" + code.id() + " \"" + code.name() + "\"";
            if (code.deleted() || code.status() == 3) {
                report.skipped("redemptions", label + ": " + (code.deleted() ? "deleted" : "already used"));
                continue;
            }
            long amount = nanoUsd(code.quota());
            if (amount <= 0 || code.key().isBlank()) {
                report.skipped("redemptions", label + ": worth nothing or without a key");
                continue;
            }
            String codeId = derivedId("redemption", code.id());
            RedemptionTerms terms = new RedemptionTerms(code.name().isBlank() ? "code-" + code.id() : code.name(),
                    amount, code.expiredTime() <= 0 ? null : Instant.ofEpochSecond(code.expiredTime()));
            List<Object> commands = new ArrayList<>();
            commands.add(new IssueRedemptionCodeCommand(codeId, terms, secretBox.redemptionCodeDigest(code.key()),
                    SecretBox.hint(code.key())));
            if (code.status() == 2) {
                commands.add(new SetRedemptionCodeStatusCommand(codeId, false));
            }
            steps.add(new Step(label, commands));
            report.imported("redemptions");
        }
        return steps;
    }

    /** new-api quota to nano-USD, rounded down to the nano-dollar (exact at the default 500,000 per USD). */
    long nanoUsd(long quota) {
        return BigDecimal.valueOf(quota).multiply(NANO_PER_USD)
                .divide(BigDecimal.valueOf(quotaPerUnit), 0, RoundingMode.DOWN).longValueExact();
    }

    /** Ids derived from new-api's ids, in LLM402's UUID form, so that a second import finds the same aggregates. */
    static String derivedId(String kind, long newApiId) {
        return UUID.nameUUIDFromBytes((SYSTEM + ':' + kind + ':' + newApiId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static long parseQuotaPerUnit(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_QUOTA_PER_UNIT;
        }
        long parsed = new BigDecimal(value.trim()).longValue();
        if (parsed <= 0) {
            throw new IllegalArgumentException("QuotaPerUnit must be positive, not " + value);
        }
        return parsed;
    }

    private Map<String, BigDecimal> decimals(Map<String, String> options, String name) {
        String value = options.get(name);
        Map<String, BigDecimal> decimals = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return decimals;
        }
        JsonNode map = json(value);
        if (!map.isObject()) {
            report.note("option " + name + " is not a JSON object: not imported");
            return decimals;
        }
        map.properties().forEach(entry -> {
            if (entry.getValue().isNumber()) {
                decimals.put(entry.getKey(), entry.getValue().decimalValue());
            } else {
                report.note(name + "." + entry.getKey() + " is not a number: not imported");
            }
        });
        return decimals;
    }

    private static JsonNode json(String text) {
        if (text.isBlank()) {
            return Json.MAPPER.missingNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node == null ? Json.MAPPER.missingNode() : node;
        } catch (JacksonException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private static boolean isSet(JsonNode node) {
        return !node.isMissingNode() && !node.isNull() && !(node.isBoolean() && !node.asBoolean())
                && !(node.isString() && node.asString().isBlank());
    }

    private static List<String> split(String text, String separator) {
        return Arrays.stream(text.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    ImportReport report() {
        return report;
    }
}

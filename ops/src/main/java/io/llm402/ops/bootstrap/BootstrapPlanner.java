package io.llm402.ops.bootstrap;

import io.llm402.domain.access.api.ApiTokenTerms;
import io.llm402.domain.access.api.DefineApiTokenCommand;
import io.llm402.domain.access.api.SetApiTokenStatusCommand;
import io.llm402.domain.account.api.DefineUserCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.SetUserStatusCommand;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.ChannelSettings;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.channel.api.DefineChannelCommand;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.domain.ledger.api.SetGrantedBalanceCommand;
import io.llm402.domain.pricing.api.DefineGroupCommand;
import io.llm402.domain.pricing.api.DefineModelPriceCommand;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.settings.api.ChangeSettingsCommand;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.gateway.catalog.OutputLimits;
import io.llm402.domain.shared.NanoUsd;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.domain.shared.Ratio;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.channels.RelayOptionsInput;
import io.llm402.gateway.limits.ConcurrencyLimits;
import io.llm402.gateway.limits.ModelRequestRateLimits;
import io.llm402.gateway.management.options.NewApiOptions;
import io.llm402.gateway.wire.Json;
import io.llm402.ops.bootstrap.BootstrapException.Problem;
import io.llm402.ops.bootstrap.BootstrapPlan.Step;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validates a bootstrap file as a whole and turns it into commands. Every problem is collected with its line and
 * field; if there is any, nothing is planned.
 */
final class BootstrapPlanner {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:/+-]{0,63}");
    private static final Pattern MODEL = Pattern.compile("\\S{1,255}");
    private static final int MIN_PASSWORD_LENGTH = 8;
    private static final int MIN_KEY_LENGTH = 8;
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int GENERATED_KEY_LENGTH = 48;

    private final SecretBox secretBox;
    private final SecureRandom random = new SecureRandom();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private @Nullable YamlLines lines;

    BootstrapPlanner(SecretBox secretBox) {
        this.secretBox = secretBox;
    }

    BootstrapPlan plan(Path source) {
        BootstrapReader.Read read = BootstrapReader.read(source);
        lines = read.lines();
        BootstrapFile file = read.file();
        Set<String> groups = planGroups(file.groups());
        planSettings(file.settings());
        planModels(file.models());
        Map<String, String> userGroups = planUsers(file.users(), groups);
        planTokens(file.tokens(), userGroups, groups);
        planChannels(file.channels(), groups);
        if (!problems.isEmpty()) {
            throw new BootstrapException(source, problems);
        }
        return new BootstrapPlan(source, steps);
    }

    private void planSettings(BootstrapFile.@Nullable Settings settings) {
        if (settings == null) {
            return;
        }
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        if (settings.promptCacheRatio() != null) {
            Ratio ratio = ratio(settings.promptCacheRatio(), List.of("settings", "prompt_cache_ratio"));
            if (ratio != null) {
                values.put(SettingKey.PROMPT_CACHE_RATIO, ratio.toString());
            }
        }
        BootstrapFile.RateLimit limit = settings.modelRequestRateLimit();
        if (limit != null) {
            rateLimit(values, SettingKey.MODEL_REQUEST_RATE_LIMIT_ENABLED, limit.enabled(), "enabled");
            rateLimit(values, SettingKey.MODEL_REQUEST_RATE_LIMIT_DURATION_MINUTES, limit.durationMinutes(),
                    "duration_minutes");
            rateLimit(values, SettingKey.MODEL_REQUEST_RATE_LIMIT_COUNT, limit.count(), "count");
            rateLimit(values, SettingKey.MODEL_REQUEST_RATE_LIMIT_SUCCESS_COUNT, limit.successCount(),
                    "success_count");
            rateLimit(values, SettingKey.MODEL_REQUEST_RATE_LIMIT_GROUP,
                    limit.groups() == null ? null : Json.MAPPER.writeValueAsString(limit.groups()), "groups");
        }
        BootstrapFile.ConcurrentRequests concurrent = settings.concurrentRequests();
        if (concurrent != null) {
            concurrency(values, SettingKey.CONCURRENT_REQUESTS_PER_KEY, concurrent.perKey(), "per_key");
            concurrency(values, SettingKey.CONCURRENT_REQUESTS_PER_USER, concurrent.perUser(), "per_user");
        }
        if (settings.modelMaxOutputTokens() != null) {
            try {
                values.put(SettingKey.MODEL_MAX_OUTPUT_TOKENS,
                        OutputLimits.normalize(Json.MAPPER.writeValueAsString(settings.modelMaxOutputTokens())));
            } catch (IllegalArgumentException e) {
                problem(List.of("settings", "model_max_output_tokens"), e.getMessage());
            }
        }
        if (settings.options() != null) {
            settings.options().forEach((name, value) -> {
                SettingKey key = NewApiOptions.SETTINGS.get(name);
                if (key == null || value == null) {
                    problem(List.of("settings", "options", name), "LLM402 has no option '" + name + "'");
                    return;
                }
                try {
                    String normalized = NewApiOptions.normalize(name, key, value.toString());
                    values.put(key, key.secret() && !normalized.isEmpty() ? secretBox.seal(normalized) : normalized);
                } catch (IllegalArgumentException e) {
                    problem(List.of("settings", "options", name), e.getMessage());
                }
            });
        }
        if (!values.isEmpty()) {
            steps.add(new Step("settings", new ChangeSettingsCommand(ChangeSettingsCommand.GLOBAL, values), null));
        }
    }

    private void concurrency(Map<SettingKey, String> values, SettingKey key, @Nullable Integer value, String field) {
        if (value == null) {
            return;
        }
        try {
            values.put(key, ConcurrencyLimits.normalize(key, value.toString()));
        } catch (IllegalArgumentException e) {
            problem(List.of("settings", "concurrent_requests", field), e.getMessage());
        }
    }

    private void rateLimit(Map<SettingKey, String> values, SettingKey key, @Nullable Object value, String field) {
        if (value == null) {
            return;
        }
        try {
            values.put(key, ModelRequestRateLimits.normalize(key, value.toString()));
        } catch (IllegalArgumentException e) {
            problem(List.of("settings", "model_request_rate_limit", field), e.getMessage());
        }
    }

    private Set<String> planGroups(@Nullable Map<String, BigDecimal> groups) {
        Set<String> known = new HashSet<>(Set.of("default"));
        if (groups == null) {
            return known;
        }
        groups.forEach((name, value) -> {
            List<Object> path = List.of("groups", name);
            if (!NAME.matcher(name).matches()) {
                problem(path, "a group name is 1-64 letters, digits or ._@:/+-");
                return;
            }
            if (value == null) {
                problem(path, "a ratio is required");
                return;
            }
            Ratio ratio = ratio(value, path);
            known.add(name);
            if (ratio != null) {
                steps.add(new Step("group " + name, new DefineGroupCommand(name, ratio), null));
            }
        });
        return known;
    }

    private void planModels(@Nullable Map<String, BootstrapFile.Model> models) {
        if (models == null) {
            return;
        }
        models.forEach((model, entry) -> {
            List<Object> path = List.of("models", model);
            if (!MODEL.matcher(model).matches()) {
                problem(path, "a model name is 1-255 characters without spaces");
                return;
            }
            if (entry == null) {
                problem(path, "give input and output prices, or per_call");
                return;
            }
            boolean tokenPriced = entry.input() != null || entry.output() != null;
            if (tokenPriced == (entry.perCall() != null)) {
                problem(path, "give input and output prices (USD per 1M tokens), or per_call (USD), not both");
                return;
            }
            if (tokenPriced && (entry.input() == null || entry.output() == null)) {
                problem(path, "input and output are both required");
                return;
            }
            int before = problems.size();
            Long input = usd(entry.input(), append(path, "input"));
            Long output = usd(entry.output(), append(path, "output"));
            Long perCall = usd(entry.perCall(), append(path, "per_call"));
            Ratio cache = entry.cacheRatio() == null ? null : ratio(entry.cacheRatio(), append(path, "cache_ratio"));
            Ratio cacheWrite = entry.cacheWriteRatio() == null ? null
                    : ratio(entry.cacheWriteRatio(), append(path, "cache_write_ratio"));
            if (problems.size() == before) {
                ModelPrice price = new ModelPrice(input == null ? 0 : input, output == null ? 0 : output, perCall,
                        cache, cacheWrite);
                steps.add(new Step("price of " + model, new DefineModelPriceCommand(model, price), null));
            }
        });
    }

    /** Answers each valid user's group by username. */
    private Map<String, String> planUsers(@Nullable List<BootstrapFile.User> users, Set<String> groups) {
        Map<String, String> userGroups = new LinkedHashMap<>();
        List<Step> balances = new ArrayList<>();
        for (int i = 0; users != null && i < users.size(); i++) {
            BootstrapFile.User user = users.get(i);
            List<Object> path = List.of("users", i);
            if (user == null) {
                problem(path, "a user needs at least a username");
                continue;
            }
            String username = required(user.username(), append(path, "username"));
            if (username == null) {
                continue;
            }
            if (!NAME.matcher(username).matches()) {
                problem(append(path, "username"), "a username is 1-64 letters, digits or ._@:/+-");
                continue;
            }
            if (userGroups.containsKey(username)) {
                problem(append(path, "username"), "user " + username + " is listed twice");
                continue;
            }
            Role role = parse(() -> Role.fromWireName(user.role() == null ? "user" : user.role()),
                    append(path, "role"));
            String group = user.group() == null ? "default" : user.group();
            knownGroup(group, groups, append(path, "group"));
            if (user.password() != null && user.password().length() < MIN_PASSWORD_LENGTH) {
                problem(append(path, "password"), "a password has at least " + MIN_PASSWORD_LENGTH + " characters");
            }
            Long balance = usd(user.balanceUsd(), append(path, "balance_usd"));
            userGroups.put(username, group);
            if (role == null) {
                continue;
            }
            String userId = NaturalIds.userId(username);
            steps.add(new Step("user " + username,
                    new DefineUserCommand(userId, new UserProfile(username, role, group), user.password()), null));
            // The file decides the status: a user or token it lists without "disabled: true" is enabled.
            steps.add(new Step("status of user " + username,
                    new SetUserStatusCommand(userId, !Boolean.TRUE.equals(user.disabled())), null));
            if (balance != null) {
                balances.add(new Step("balance of " + username, new SetGrantedBalanceCommand(userId, balance,
                        UUID.randomUUID().toString()), null));
            }
        }
        steps.addAll(balances);
        return userGroups;
    }

    private void planTokens(@Nullable List<BootstrapFile.Token> tokens, Map<String, String> users,
                            Set<String> groups) {
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; tokens != null && i < tokens.size(); i++) {
            BootstrapFile.Token token = tokens.get(i);
            List<Object> path = List.of("tokens", i);
            if (token == null) {
                problem(path, "a token needs a user and a name");
                continue;
            }
            int before = problems.size();
            String user = required(token.user(), append(path, "user"));
            String name = required(token.name(), append(path, "name"));
            if (user == null || name == null) {
                continue;
            }
            if (!users.containsKey(user)) {
                problem(append(path, "user"), "user " + user + " is not defined in this file's users");
            }
            if (!NAME.matcher(name).matches()) {
                problem(append(path, "name"), "a token name is 1-64 letters, digits or ._@:/+-");
            }
            if (!names.add(user + "\u0000" + name)) {
                problem(append(path, "name"), "user " + user + " has two tokens named " + name);
            }
            if (token.key() != null && (token.key().length() < MIN_KEY_LENGTH || token.key().isBlank())) {
                problem(append(path, "key"), "a key has at least " + MIN_KEY_LENGTH + " characters");
            }
            if (token.key() != null && !keys.add(token.key())) {
                problem(append(path, "key"), "two tokens have the same key");
            }
            if (token.group() != null) {
                knownGroup(token.group(), groups, append(path, "group"));
            }
            List<String> models = token.models() == null ? List.of() : token.models();
            for (int m = 0; m < models.size(); m++) {
                if (models.get(m) == null || !MODEL.matcher(models.get(m)).matches()) {
                    problem(append(append(path, "models"), m), "a model name is 1-255 characters without spaces");
                }
            }
            Long limit = usd(token.limitUsd(), append(path, "limit_usd"));
            if (problems.size() > before) {
                continue;
            }
            boolean generated = token.key() == null;
            String key = generated ? generateKey() : token.key();
            ApiTokenTerms terms = new ApiTokenTerms(name, token.group(), models, limit, token.expiresAt());
            steps.add(new Step("token " + user + "/" + name,
                    new DefineApiTokenCommand(NaturalIds.tokenId(user, name), NaturalIds.userId(user), terms,
                            secretBox.tokenDigest(key), SecretBox.hint(key), generated),
                    generated ? key : null));
            steps.add(new Step("status of token " + user + "/" + name, new SetApiTokenStatusCommand(
                    NaturalIds.tokenId(user, name), !Boolean.TRUE.equals(token.disabled())), null));
        }
    }

    private void planChannels(@Nullable List<BootstrapFile.Channel> channels, Set<String> groups) {
        Set<String> names = new HashSet<>();
        for (int i = 0; channels != null && i < channels.size(); i++) {
            BootstrapFile.Channel channel = channels.get(i);
            List<Object> path = List.of("channels", i);
            if (channel == null) {
                problem(path, "a channel needs a name, type, base_url, key and models");
                continue;
            }
            int before = problems.size();
            String name = required(channel.name(), append(path, "name"));
            String typeName = required(channel.type(), append(path, "type"));
            String baseUrl = required(channel.baseUrl(), append(path, "base_url"));
            List<String> keys = channelKeys(channel, path);
            if (name != null && (!NAME.matcher(name).matches() || !names.add(name))) {
                problem(append(path, "name"), "channel names are unique, 1-64 letters, digits or ._@:/+-");
            }
            ChannelType type = typeName == null ? null
                    : parse(() -> ChannelType.fromWireName(typeName), append(path, "type"));
            // A custom channel's URL names its model as {model}.
            if (baseUrl != null && !isHttpUrl(baseUrl.replace("{model}", "model"))) {
                problem(append(path, "base_url"), "expected an http:// or https:// URL");
            }
            List<String> models = channel.models() == null ? List.of() : channel.models();
            if (models.isEmpty()) {
                problem(append(path, "models"), "a channel serves at least one model");
            }
            List<String> channelGroups = channel.groups() == null ? List.of("default") : channel.groups();
            for (int g = 0; g < channelGroups.size(); g++) {
                knownGroup(channelGroups.get(g), groups, append(append(path, "groups"), g));
            }
            int weight = channel.weight() == null ? 1 : channel.weight();
            if (weight < 0) {
                problem(append(path, "weight"), "a weight is never negative");
            }
            ChannelSettings settings = channelSettings(channel.settings(), append(path, "settings"));
            if (name == null || type == null || baseUrl == null || keys.isEmpty() || settings == null
                    || problems.size() > before) {
                continue;
            }
            ChannelConfiguration configuration = new ChannelConfiguration(name, type, stripSlash(baseUrl), models,
                    channel.modelMapping() == null ? Map.of() : channel.modelMapping(), channelGroups,
                    channel.priority() == null ? 0 : channel.priority(), weight, settings);
            steps.add(new Step("channel " + name, new DefineChannelCommand(NaturalIds.channelId(name), configuration,
                    keys.stream().map(key -> ChannelKey.sealed(key, secretBox)).toList()), null));
        }
    }

    /** {@code key} (one key, or new-api's one key per line) or {@code keys} (a list), not both. */
    private List<String> channelKeys(BootstrapFile.Channel channel, List<Object> path) {
        if (channel.key() != null && channel.keys() != null) {
            problem(append(path, "keys"), "give either key or keys, not both");
            return List.of();
        }
        List<String> keys = channel.keys() != null ? channel.keys()
                : channel.key() == null ? List.of() : List.of(channel.key().split("\n"));
        List<String> cleaned = keys.stream().filter(k -> k != null && !k.isBlank()).map(String::trim).distinct()
                .toList();
        if (cleaned.isEmpty()) {
            problem(append(path, channel.keys() != null ? "keys" : "key"), "a channel needs at least one key");
        }
        return cleaned;
    }

    private @Nullable ChannelSettings channelSettings(BootstrapFile.@Nullable ChannelSettings settings,
                                                      List<Object> path) {
        if (settings == null) {
            return ChannelSettings.DEFAULTS;
        }
        Ratio ratio = settings.promptCacheRatio() == null ? null
                : ratio(settings.promptCacheRatio(), append(path, "prompt_cache_ratio"));
        if (settings.promptCacheRatio() != null && ratio == null) {
            return null;
        }
        KeySelection selection = KeySelection.RANDOM;
        if (settings.keySelection() != null) {
            selection = parse(() -> KeySelection.fromName(settings.keySelection()), append(path, "key_selection"));
            if (selection == null) {
                return null;
            }
        }
        ChannelRelayOptions relay = parse(() -> RelayOptionsInput.build(settings.systemPrompt(),
                Boolean.TRUE.equals(settings.systemPromptOverride()),
                settings.paramOverride() == null ? null : Json.MAPPER.valueToTree(settings.paramOverride()),
                settings.headerOverride() == null ? Map.of() : settings.headerOverride(),
                settings.statusCodeMapping() == null ? Map.of() : settings.statusCodeMapping(),
                !Boolean.FALSE.equals(settings.streamOptions()), null, secretBox), path);
        if (relay == null) {
            return null;
        }
        return new ChannelSettings(ratio, Boolean.TRUE.equals(settings.thinkingToContent()), settings.apiVersion(),
                selection, !Boolean.FALSE.equals(settings.autoDisable()), settings.testModel(), relay);
    }

    private String generateKey() {
        StringBuilder key = new StringBuilder("sk-");
        for (int i = 0; i < GENERATED_KEY_LENGTH; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    private void knownGroup(@Nullable String group, Set<String> groups, List<Object> path) {
        if (group == null || !groups.contains(group)) {
            problem(path, "group " + group + " is not defined in this file's groups");
        }
    }

    private @Nullable Ratio ratio(BigDecimal value, List<Object> path) {
        return parse(() -> Ratio.of(value), path);
    }

    private @Nullable Long usd(@Nullable BigDecimal value, List<Object> path) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            problem(path, "an amount is never negative");
            return null;
        }
        return parse(() -> NanoUsd.fromUsd(value), path);
    }

    private <T> @Nullable T parse(Supplier<T> parser, List<Object> path) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return null;
        }
    }

    private @Nullable String required(@Nullable String value, List<Object> path) {
        if (value == null || value.isBlank()) {
            problem(path, "is required");
            return null;
        }
        return value;
    }

    private void problem(List<Object> path, String message) {
        StringBuilder field = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(segment);
            }
        }
        problems.add(new Problem(lines == null ? 0 : lines.lineOf(path), field.toString(), message));
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(segment);
        return longer;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

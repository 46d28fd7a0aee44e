package io.llm402.ops.newapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.access.api.DefineApiTokenCommand;
import io.llm402.domain.access.api.SetApiTokenStatusCommand;
import io.llm402.domain.account.api.ImportUserCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.channel.api.DefineChannelCommand;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.domain.channel.api.SetChannelKeyStatusCommand;
import io.llm402.domain.channel.api.SetChannelStatusCommand;
import io.llm402.domain.ledger.api.CreditWalletCommand;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.pricing.api.DefineGroupCommand;
import io.llm402.domain.pricing.api.DefineModelPriceCommand;
import io.llm402.domain.redemption.api.IssueRedemptionCodeCommand;
import io.llm402.domain.settings.api.ChangeSettingsCommand;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.SecretBox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NewApiImportPlannerTest {

    private static final SecretBox BOX = new SecretBox("a-test-secret-of-some-length");
    private static final String ALICE_HASH = "$2a$10$abcdefghijklmnopqrstuuJ1o0Zl1V8Lx6yXoQwP8mZQ3eQb6Yx2";

    private static NewApiDatabase.User user(long id, String name, int role, long quota, boolean deleted) {
        return new NewApiDatabase.User(id, name, ALICE_HASH, name.toUpperCase(), name + "@example.com", role, 1,
                quota, 1_000_000, 42, "default", deleted, Map.of());
    }

    private static NewApiDatabase.Token token(long id, long userId, String key) {
        return new NewApiDatabase.Token(id, userId, "app", key, 1, -1, 250_000, false, true, "gpt-4o, gpt-4o-mini",
                "10.0.0.1\n10.0.0.2", "", false);
    }

    private static NewApiDatabase.Channel channel(long id, int type, String key, String info, int status) {
        return new NewApiDatabase.Channel(id, type, "ch-" + id, key, status,
                type == 3 ? "https://example.openai.azure.com/" : "", "2024-10-21", "gpt-4o,gpt-4o-mini",
                "default,vip", "{\"gpt-4o\":\"gpt-4o-2024-08-06\"}", 5, 10, true, "", info,
                "{\"status_reason\":\"quota exceeded\"}",
                "{\"proxy\":\"socks5://10.0.0.9:1080\",\"system_prompt\":\"Be brief.\"}",
                Map.of("param_override", "{\"temperature\":0}", "header_override", "{\"X-Org\":\"org-7\"}",
                        "status_code_mapping", "{\"429\":\"503\"}", "tag", "team-a"));
    }

    private static NewApiDatabase database() {
        return new NewApiDatabase(
                List.of(user(1, "root", 100, 500_000_000, false), user(2, "alice", 1, 1_250_000, false),
                        user(3, "gone", 1, 999, true)),
                List.of(token(10, 2, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL"), token(11, 3, "deadkey"),
                        new NewApiDatabase.Token(12, 2, "cli", "unlimitedkey000", 2, 1_900_000_000L, 0, true, false,
                                "", "", "auto", false)),
                List.of(channel(20, 1, "sk-a\nsk-b\nsk-c",
                                "{\"is_multi_key\":true,\"multi_key_mode\":\"polling\",\"multi_key_status_list\":"
                                        + "{\"1\":3},\"multi_key_disabled_reason\":{\"1\":\"invalid_api_key\"}}", 1),
                        channel(21, 41, "{}", "", 1), channel(22, 3, "azure-key", "", 3)),
                List.of(new NewApiDatabase.Redemption(30, "gift", "0123456789abcdef0123456789abcdef", 1, 5_000_000, 0,
                                false),
                        new NewApiDatabase.Redemption(31, "spent", "ffffffffffffffffffffffffffffffff", 3, 5_000_000, 0,
                                false)),
                Map.of("ModelRatio", "{\"gpt-4o\":1.25,\"gpt-4o-mini\":0.075,\"dall-e-3\":20}",
                        "CompletionRatio", "{\"gpt-4o\":4}", "ModelPrice", "{\"dall-e-3\":0.04}",
                        "CacheRatio", "{\"gpt-4o\":0.5}", "GroupRatio", "{\"default\":1,\"vip\":0.8}",
                        "RetryTimes", "3", "SMTPServer", "smtp.example.com", "GitHubClientSecret", "s3cret"));
    }

    private static ImportPlan plan() {
        NewApiDatabase database = database();
        return new NewApiImportPlanner(BOX, null, database, "test").plan(database);
    }

    private static <T> List<T> commands(ImportPlan plan, Class<T> type) {
        return plan.phases().stream().flatMap(p -> p.steps().stream()).flatMap(s -> s.commands().stream())
                .filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void usersKeepTheirRoleHashAndHistoryAndTheirBalanceOpensAtQuotaOverQuotaPerUnit() {
        ImportPlan plan = plan();

        List<ImportUserCommand> users = commands(plan, ImportUserCommand.class);
        assertThat(users).extracting(u -> u.profile().username()).containsExactly("root", "alice");
        assertThat(users.getFirst().profile().role()).isEqualTo(Role.ROOT);
        assertThat(users.get(1).passwordHash()).isEqualTo(ALICE_HASH);
        assertThat(users.get(1).source().usedNanoUsd()).isEqualTo(2_000_000_000L);
        assertThat(users.get(1).source().requestCount()).isEqualTo(42);
        List<CreditWalletCommand> balances = commands(plan, CreditWalletCommand.class);
        assertThat(balances).extracting(CreditWalletCommand::amountNanoUsd)
                .containsExactly(1_000_000_000_000L, 2_500_000_000L);
        assertThat(balances).allMatch(b -> b.code() == TransferCode.IMPORTED_BALANCE);
        assertThat(plan.report().balanceUsdAfter()).isEqualByComparingTo("1002.5");
        assertThat(plan.report().skippedReasons()).contains("user #3 \"gone\": deleted in new-api");
    }

    @Test
    void keysAreStoredAsTheDigestOfTheKeyClientsSendWithTheirLimitsAndNeverInClear() {
        ImportPlan plan = plan();

        List<DefineApiTokenCommand> tokens = commands(plan, DefineApiTokenCommand.class);
        assertThat(tokens).hasSize(2);
        DefineApiTokenCommand app = tokens.getFirst();
        assertThat(app.keyDigest()).isEqualTo(BOX.tokenDigest("sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL"));
        assertThat(app.toString()).doesNotContain("abcdefghijklmnop");
        assertThat(app.terms().limitNanoUsd()).isEqualTo(500_000_000L);
        assertThat(app.terms().models()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(app.terms().allowIps()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(app.terms().expiresAt()).isNull();
        DefineApiTokenCommand cli = tokens.get(1);
        assertThat(cli.terms().limitNanoUsd()).isNull();
        assertThat(cli.terms().group()).isNull();
        assertThat(cli.terms().expiresAt()).isEqualTo(Instant.ofEpochSecond(1_900_000_000L));
        assertThat(commands(plan, SetApiTokenStatusCommand.class)).extracting(SetApiTokenStatusCommand::enabled)
                .containsExactly(true, false);
        assertThat(plan.report().skippedReasons()).contains("token #11 \"app\": its user #3 is not imported");
    }

    @Test
    void channelsKeepTheirKeysSealedTheirDisabledKeysAndStatusAndUnsupportedOnesAreReported() {
        ImportPlan plan = plan();

        List<DefineChannelCommand> channels = commands(plan, DefineChannelCommand.class);
        assertThat(channels).hasSize(2);
        DefineChannelCommand multi = channels.getFirst();
        assertThat(multi.keys()).hasSize(3).allSatisfy(k -> assertThat(k.sealedKey()).doesNotContain("sk-"));
        assertThat(BOX.open(multi.keys().get(1).sealedKey())).isEqualTo("sk-b");
        assertThat(multi.configuration().type()).isEqualTo(ChannelType.OPENAI);
        assertThat(multi.configuration().baseUrl()).isEqualTo("https://api.openai.com");
        assertThat(multi.configuration().settings().keySelection()).isEqualTo(KeySelection.ROUND_ROBIN);
        assertThat(multi.configuration().modelMapping()).containsEntry("gpt-4o", "gpt-4o-2024-08-06");
        assertThat(multi.configuration().groups()).containsExactly("default", "vip");
        assertThat(multi.configuration().priority()).isEqualTo(5);
        SetChannelKeyStatusCommand disabledKey = commands(plan, SetChannelKeyStatusCommand.class).getFirst();
        assertThat(disabledKey.fingerprints()).containsExactly(multi.keys().get(1).fingerprint());
        assertThat(disabledKey.reason()).isEqualTo("invalid_api_key");
        assertThat(disabledKey.automatic()).isTrue();
        SetChannelStatusCommand azureStatus = commands(plan, SetChannelStatusCommand.class).get(1);
        assertThat(azureStatus.enabled()).isFalse();
        assertThat(azureStatus.automatic()).isTrue();
        assertThat(azureStatus.reason()).isEqualTo("quota exceeded");
        assertThat(channels.get(1).configuration().settings().apiVersion()).isEqualTo("2024-10-21");
        assertThat(channels.get(1).configuration().baseUrl()).isEqualTo("https://example.openai.azure.com");
        assertThat(plan.report().skippedReasons())
                .anyMatch(r -> r.startsWith("channel #21 \"ch-21\": Vertex AI (new-api type 41)"));
        ChannelRelayOptions relay = multi.configuration().settings().relay();
        assertThat(relay.systemPrompt()).isEqualTo("Be brief.");
        assertThat(relay.paramOverride()).isEqualTo("{\"temperature\":0}");
        assertThat(BOX.open(relay.sealedHeaderOverride())).isEqualTo("{\"X-Org\":\"org-7\"}");
        assertThat(relay.statusCodeMapping()).containsExactly(Map.entry(429, 503));
        assertThat(plan.report().notCarriedOverList()).as("what LLM402 has no place for")
                .contains("channel #20 \"ch-20\": tag, setting.proxy");
    }

    @Test
    void pricesGroupsAndSettingsComeFromNewApisOptionsAndTheOthersAreListed() {
        ImportPlan plan = plan();

        Map<String, DefineModelPriceCommand> prices = commands(plan, DefineModelPriceCommand.class).stream()
                .collect(java.util.stream.Collectors.toMap(DefineModelPriceCommand::model, p -> p));
        assertThat(prices.get("gpt-4o").price().inputNanoUsdPerMTok()).isEqualTo(2_500_000_000L);
        assertThat(prices.get("gpt-4o").price().outputNanoUsdPerMTok()).isEqualTo(10_000_000_000L);
        assertThat(prices.get("gpt-4o").price().cacheRatio().toBigDecimal()).isEqualByComparingTo("0.5");
        assertThat(prices.get("gpt-4o-mini").price().outputNanoUsdPerMTok()).isEqualTo(150_000_000L);
        assertThat(prices.get("dall-e-3").price().perCallNanoUsd()).isEqualTo(40_000_000L);
        assertThat(commands(plan, DefineGroupCommand.class)).extracting(DefineGroupCommand::group)
                .containsExactlyInAnyOrder("default", "vip");
        assertThat(commands(plan, ChangeSettingsCommand.class).getFirst().values())
                .containsEntry(SettingKey.RETRY_TIMES, "3");
        assertThat(plan.report().optionsNotUnderstood()).containsExactly("SMTPServer");
        // new-api keeps OAuth secrets in clear; the import seals them.
        String sealed = commands(plan, ChangeSettingsCommand.class).getFirst().values()
                .get(SettingKey.GITHUB_CLIENT_SECRET);
        assertThat(sealed).isNotEqualTo("s3cret").startsWith("v1:");
        assertThat(plan.report().render()).doesNotContain("s3cret").doesNotContain("sk-a")
                .doesNotContain("abcdefghijklmnop");
    }

    @Test
    void unusedRedemptionCodesComeOverByDigestAndUsedOnesStayBehind() {
        ImportPlan plan = plan();

        List<IssueRedemptionCodeCommand> codes = commands(plan, IssueRedemptionCodeCommand.class);
        assertThat(codes).singleElement().satisfies(code -> {
            assertThat(code.keyDigest()).isEqualTo(BOX.redemptionCodeDigest("0123456789abcdef0123456789abcdef"));
            assertThat(code.terms().amountNanoUsd()).isEqualTo(10_000_000_000L);
        });
        assertThat(plan.report().skippedReasons()).contains("redemption code #31 \"spent\": already used");
    }

    @Test
    void planningTheSameDatabaseTwiceAddressesTheSameAggregates() {
        List<String> first = targets(plan());
        List<String> second = targets(plan());

        assertThat(second).isEqualTo(first).doesNotHaveDuplicates();
    }

    @Test
    void aQuotaPerUnitFromTheOptionsOrTheCommandLineSetsTheRate() {
        NewApiDatabase base = database();
        Map<String, String> options = new java.util.HashMap<>(base.options());
        options.put("QuotaPerUnit", "1000000");
        NewApiDatabase database = new NewApiDatabase(base.users(), base.tokens(), base.channels(),
                base.redemptions(), options);

        ImportPlan plan = new NewApiImportPlanner(BOX, null, database, "test").plan(database);

        assertThat(commands(plan, CreditWalletCommand.class).getFirst().amountNanoUsd())
                .isEqualTo(500_000_000_000L);
        ImportPlan overridden = new NewApiImportPlanner(BOX, 500_000L, database, "test").plan(database);
        assertThat(commands(overridden, CreditWalletCommand.class).getFirst().amountNanoUsd())
                .isEqualTo(1_000_000_000_000L);
        assertThat(overridden.report().balanceUsdBefore()).isEqualByComparingTo(new BigDecimal("1002.501998"));
    }

    private static List<String> targets(ImportPlan plan) {
        return Stream.concat(commands(plan, DefineChannelCommand.class).stream().map(DefineChannelCommand::channelId),
                commands(plan, DefineApiTokenCommand.class).stream().map(DefineApiTokenCommand::tokenId)).toList();
    }
}

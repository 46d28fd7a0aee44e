package io.llm402.ops.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.llm402.domain.access.api.DefineApiTokenCommand;
import io.llm402.domain.account.api.DefineUserCommand;
import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.channel.api.DefineChannelCommand;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.domain.ledger.api.SetGrantedBalanceCommand;
import io.llm402.domain.pricing.api.DefineModelPriceCommand;
import io.llm402.domain.settings.api.ChangeSettingsCommand;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.SecretBox;
import io.llm402.ops.bootstrap.BootstrapException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapPlannerTest {

    private static final SecretBox BOX = new SecretBox("a-test-secret-of-some-length");

    @TempDir
    Path dir;

    @Test
    void theDesignExampleBecomesCommandsInDependencyOrder() throws IOException {
        Path file = dir.resolve("full.yaml");
        Files.copy(Objects.requireNonNull(getClass().getResourceAsStream("/bootstrap/full.yaml")), file);

        BootstrapPlan plan = new BootstrapPlanner(BOX).plan(file);

        assertThat(plan.steps()).extracting(BootstrapPlan.Step::subject).containsExactly("group default", "group vip",
                "settings", "price of gpt-4o-mini", "price of claude-sonnet-4-5", "price of rerank-v3.5",
                "user alice", "status of user alice", "balance of alice", "token alice/ci", "status of token alice/ci",
                "channel openai-main");
        DefineModelPriceCommand mini = (DefineModelPriceCommand) plan.steps().get(3).command();
        assertThat(mini.price().inputNanoUsdPerMTok()).isEqualTo(150_000_000L);
        assertThat(((SetGrantedBalanceCommand) plan.steps().get(8).command()).grantedNanoUsd())
                .isEqualTo(10_000_000_000L);
        DefineApiTokenCommand token = (DefineApiTokenCommand) plan.steps().get(9).command();
        assertThat(token.keyDigest()).isEqualTo(BOX.tokenDigest("sk-alice-ci-0001"));
        assertThat(token.terms().limitNanoUsd()).isEqualTo(5_000_000_000L);
        DefineChannelCommand channel = (DefineChannelCommand) plan.steps().get(11).command();
        assertThat(channel.keys().getFirst().sealedKey()).doesNotContain("sk-upstream");
        assertThat(BOX.open(channel.keys().getFirst().sealedKey())).isEqualTo("sk-upstream");
        assertThat(((DefineUserCommand) plan.steps().get(6).command()).toString()).doesNotContain("change-me");
    }

    @Test
    void aTokenWithoutAKeyGetsAGeneratedOneToShowOnce() throws IOException {
        BootstrapPlan plan = plan("""
                users: [{ username: bob }]
                tokens: [{ user: bob, name: cli }]
                """);
        BootstrapPlan.Step step = plan.steps().get(2);
        assertThat(step.generatedSecret()).startsWith("sk-").hasSize(51);
        assertThat(((DefineApiTokenCommand) step.command()).keyGenerated()).isTrue();
    }

    @Test
    void aChannelTakesSeveralKeysAndHowToChooseThem() throws IOException {
        BootstrapPlan plan = plan("""
                channels:
                  - name: multi
                    type: openai
                    base_url: https://api.openai.com
                    keys: [sk-a, sk-b, sk-a]
                    models: [m]
                    settings: { key_selection: polling, auto_disable: false, test_model: m }
                """);
        DefineChannelCommand channel = (DefineChannelCommand) plan.steps().getFirst().command();
        assertThat(channel.keys()).extracting(key -> BOX.open(key.sealedKey())).containsExactly("sk-a", "sk-b");
        assertThat(channel.configuration().settings().keySelection()).isEqualTo(KeySelection.ROUND_ROBIN);
        assertThat(channel.configuration().settings().autoDisable()).isFalse();
        assertThat(channel.configuration().settings().testModel()).isEqualTo("m");
        assertThat(problems("""
                channels:
                  - { name: c, type: openai, base_url: "https://x", key: k, keys: [k2], models: [m] }
                  - { name: d, type: openai, base_url: "https://x", key: k, models: [m],
                      settings: { key_selection: sometimes } }
                """)).extracting(Problem::field).containsExactly("channels[0].keys",
                "channels[1].settings.key_selection");
    }

    @Test
    void aChannelTakesItsRelayOptionsAndABadOneIsNamed() throws IOException {
        BootstrapPlan plan = plan("""
                channels:
                  - name: tuned
                    type: custom
                    base_url: "https://llm.internal/api/{model}/chat"
                    key: sk-t
                    models: [m]
                    settings:
                      system_prompt: Answer briefly.
                      system_prompt_override: true
                      param_override: { temperature: 0.2, metadata: { team: a } }
                      header_override: { X-Org: org-7 }
                      status_code_mapping: { "429": "503" }
                      stream_options: false
                """);
        DefineChannelCommand channel = (DefineChannelCommand) plan.steps().getFirst().command();
        assertThat(channel.configuration().type()).isEqualTo(ChannelType.CUSTOM);
        ChannelRelayOptions relay = channel.configuration().settings().relay();
        assertThat(relay.systemPrompt()).isEqualTo("Answer briefly.");
        assertThat(relay.systemPromptOverride()).isTrue();
        assertThat(relay.paramOverride()).isEqualTo("{\"temperature\":0.2,\"metadata\":{\"team\":\"a\"}}");
        assertThat(BOX.open(relay.sealedHeaderOverride())).isEqualTo("{\"X-Org\":\"org-7\"}");
        assertThat(relay.statusCodeMapping()).containsExactly(Map.entry(429, 503));
        assertThat(relay.streamOptions()).isFalse();
        assertThat(problems("""
                channels:
                  - { name: c, type: openai, base_url: "https://x", key: k, models: [m],
                      settings: { header_override: { Host: evil } } }
                """)).extracting(Problem::field).containsExactly("channels[0].settings");
    }

    @Test
    void anUnknownFieldIsReportedWithItsLine() {
        Problem problem = problems("""
                users:
                  - username: alice
                    balance: 10
                """).getFirst();
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.field()).isEqualTo("users[0].balance");
        assertThat(problem.message()).startsWith("unknown field \"balance\"").contains("balance_usd");
    }

    @Test
    void aWrongTypeIsReportedWithItsLine() {
        Problem problem = problems("""
                groups:
                  vip: cheap
                """).getFirst();
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.field()).isEqualTo("groups.vip");
    }

    @Test
    void everySemanticProblemIsListedWithLineAndField() {
        assertThat(problems("""
                groups:
                  vip: 0.8
                users:
                  - username: alice
                    role: wizard
                    group: gold
                  - username: alice
                tokens:
                  - user: carol
                    name: t
                channels:
                  - name: c
                    type: openai
                    base_url: ftp://x
                    key: k
                    models: []
                """)).extracting(Problem::line, Problem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5, "users[0].role"),
                org.assertj.core.groups.Tuple.tuple(6, "users[0].group"),
                org.assertj.core.groups.Tuple.tuple(7, "users[1].username"),
                org.assertj.core.groups.Tuple.tuple(9, "tokens[0].user"),
                org.assertj.core.groups.Tuple.tuple(14, "channels[0].base_url"),
                org.assertj.core.groups.Tuple.tuple(16, "channels[0].models"));
    }

    @Test
    void modelOutputLimitsBecomeTheSettingAndABadOneIsNamed() throws IOException {
        BootstrapPlan plan = plan("""
                settings:
                  model_max_output_tokens: { my-finetune: 8192, gpt-4o: 0 }
                """);
        ChangeSettingsCommand settings = (ChangeSettingsCommand) plan.steps().getFirst().command();
        assertThat(settings.values()).containsEntry(SettingKey.MODEL_MAX_OUTPUT_TOKENS,
                "{\"gpt-4o\":0,\"my-finetune\":8192}");

        assertThat(problems("""
                settings:
                  model_max_output_tokens: { my-finetune: -1 }
                """)).extracting(Problem::field).containsExactly("settings.model_max_output_tokens");
    }

    @Test
    void optionsByTheirApiNamesAreCheckedAndSecretsSealed() throws IOException {
        BootstrapPlan plan = plan("""
                settings:
                  options:
                    ServerAddress: https://llm.example.com/
                    GitHubOAuthEnabled: true
                    GitHubClientSecret: gh-secret-1
                    LinuxDOMinimumTrustLevel: 2
                """);
        var values = ((ChangeSettingsCommand) plan.steps().getFirst().command()).values();
        assertThat(values).containsEntry(SettingKey.SERVER_ADDRESS, "https://llm.example.com")
                .containsEntry(SettingKey.GITHUB_OAUTH_ENABLED, "true")
                .containsEntry(SettingKey.LINUXDO_MINIMUM_TRUST_LEVEL, "2");
        assertThat(BOX.open(values.get(SettingKey.GITHUB_CLIENT_SECRET))).isEqualTo("gh-secret-1");

        assertThat(problems("""
                settings:
                  options: { LinuxDOMinimumTrustLevel: 9, NoSuchOption: 1 }
                """)).extracting(Problem::field).containsExactlyInAnyOrder(
                "settings.options.LinuxDOMinimumTrustLevel", "settings.options.NoSuchOption");
    }

    @Test
    void moneyWithMoreThanNanoPrecisionIsRefusedNotRounded() {
        assertThat(problems("""
                models:
                  m: { input: 0.0000000001, output: 1 }
                """)).extracting(Problem::field).containsExactly("models.m.input");
    }

    @Test
    void theMessageNamesTheFileAndSaysNothingWasApplied() {
        assertThatThrownBy(() -> plan("users: [{ username: 'a b' }]\n"))
                .isInstanceOf(BootstrapException.class)
                .hasMessageContaining("nothing was applied")
                .hasMessageContaining("line 1, users[0].username");
    }

    private BootstrapPlan plan(String yaml) throws IOException {
        Path file = dir.resolve("bootstrap.yaml");
        Files.writeString(file, yaml);
        return new BootstrapPlanner(BOX).plan(file);
    }

    private java.util.List<Problem> problems(String yaml) {
        BootstrapException e = catchThrowableOfType(BootstrapException.class, () -> plan(yaml));
        assertThat(e).as("expected the file to be refused").isNotNull();
        return e.problems();
    }
}

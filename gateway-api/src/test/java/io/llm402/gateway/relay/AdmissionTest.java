package io.llm402.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.wire.Failure;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.projections.catalog.api.ChannelView;
import io.llm402.projections.catalog.api.GroupView;
import io.llm402.projections.catalog.api.ModelPriceView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AdmissionTest {

    private static final String CLIENT = "203.0.113.7";

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    // gpt-4o-mini: 0.15 / 0.60 USD per 1M tokens
    private static final ModelPriceView MINI = new ModelPriceView("gpt-4o-mini", 1, 150_000_000, 600_000_000, null,
            null, null);
    private static final CatalogSnapshot CATALOG = CatalogSnapshot.of(
            List.of(channel("openai", "openai", "gpt-4o-mini", "unpriced", "o3-mini"),
                    channel("claude", "anthropic", "sonnet"),
                    channel("cohere", "cohere", "rerank")),
            List.of(MINI, new ModelPriceView("o3-mini", 1, 1_100_000_000, 4_400_000_000L, null, null, null),
                    new ModelPriceView("sonnet", 1, 3_000_000_000L, 15_000_000_000L, null, null, null)),
            List.of(new GroupView("default", 1_000_000), new GroupView("vip", 800_000)), Map.of());

    private final AtomicInteger promptCounts = new AtomicInteger();

    // --- the key, before the body is read

    @Test
    void aRequestWithoutAKeyIsUnauthenticated() {
        assertThat(Admission.checkKey(null, Optional.empty(), NOW, CLIENT)).get()
                .satisfies(r -> assertRefused(r, Failure.UNAUTHENTICATED, "missing_api_key"));
    }

    @Test
    void anUnknownKeyIsUnauthenticated() {
        assertThat(Admission.checkKey("sk-x", Optional.empty(), NOW, CLIENT)).get()
                .satisfies(r -> assertRefused(r, Failure.UNAUTHENTICATED, "invalid_api_key"));
    }

    @Test
    void anExpiredKeyIsUnauthenticated() {
        ApiTokenView expired = token(List.of(), NOW.minusSeconds(1), false, false);
        assertThat(Admission.checkKey("sk-x", Optional.of(expired), NOW, CLIENT)).get()
                .satisfies(r -> assertRefused(r, Failure.UNAUTHENTICATED, "api_key_expired"));
    }

    @Test
    void aDisabledKeyIsUnauthenticated() {
        assertThat(Admission.checkKey("sk-x", Optional.of(token(List.of(), null, true, false)), NOW, CLIENT)).get()
                .satisfies(r -> assertRefused(r, Failure.UNAUTHENTICATED, "api_key_disabled"));
    }

    @Test
    void theKeyOfADisabledUserIsForbidden() {
        assertThat(Admission.checkKey("sk-x", Optional.of(token(List.of(), null, false, true)), NOW, CLIENT)).get()
                .satisfies(r -> assertRefused(r, Failure.FORBIDDEN, "account_disabled"));
    }

    @Test
    void aUsableKeyPasses() {
        ApiTokenView usable = token(List.of(), NOW.plusSeconds(60), false, false);
        assertThat(Admission.checkKey("sk-x", Optional.of(usable), NOW, CLIENT)).isEmpty();
    }

    @Test
    void aKeyWithAnIpAllowListPassesOnlyFromThoseAddresses() {
        ApiTokenView limited = token(List.of(), null, false, false, List.of("10.0.0.0/8", "2001:db8::/32",
                "203.0.113.7"));
        assertThat(Admission.checkKey("sk-x", Optional.of(limited), NOW, "10.1.2.3")).isEmpty();
        assertThat(Admission.checkKey("sk-x", Optional.of(limited), NOW, "2001:db8:0:0:0:0:0:1")).isEmpty();
        assertThat(Admission.checkKey("sk-x", Optional.of(limited), NOW, CLIENT)).isEmpty();
        assertThat(Admission.checkKey("sk-x", Optional.of(limited), NOW, "203.0.113.8")).get()
                .satisfies(r -> assertRefused(r, Failure.FORBIDDEN, "ip_not_allowed"));
        assertThat(Admission.checkKey("sk-x", Optional.of(limited), NOW, "2001:db9:0:0:0:0:0:1")).get()
                .satisfies(r -> assertRefused(r, Failure.FORBIDDEN, "ip_not_allowed"));
    }

    // --- the request

    @Test
    void aModelOutsideTheAllowListIsForbiddenBeforeThePromptIsCounted() {
        Admission.Decision decision = Admission.decide(CHAT, call("gpt-4o-mini"),
                token(List.of("sonnet"), null, false, false), "default", CATALOG);

        assertThat(decision).isInstanceOfSatisfying(Admission.Refused.class,
                r -> assertRefused(r, Failure.FORBIDDEN, "model_not_allowed"));
        assertThat(promptCounts).hasValue(0);
    }

    @Test
    void anUnknownModelIsNotFound() {
        assertThat(Admission.decide(CHAT, call("gpt-9"), null, "default", CATALOG))
                .isInstanceOfSatisfying(Admission.Refused.class,
                        r -> assertRefused(r, Failure.NOT_FOUND, "model_not_found"));
        assertThat(promptCounts).hasValue(0);
    }

    @Test
    void aModelNoChannelServesThroughThisApiIsAnsweredLocally() {
        assertThat(Admission.decide(CHAT, call("rerank"), null, "default", CATALOG))
                .isInstanceOf(Admission.AnswerLocally.class);
    }

    @Test
    void aBilledModelWithoutAPriceIsRefused() {
        assertThat(Admission.decide(CHAT, call("unpriced"), null, "default", CATALOG))
                .isInstanceOfSatisfying(Admission.Refused.class,
                        r -> assertRefused(r, Failure.MALFORMED, "model_price_not_set"));
        assertThat(promptCounts).hasValue(0);
    }

    @Test
    void anOutputLimitAboveTheModelsOwnIsRefusedBeforeThePromptIsCounted() {
        // gpt-4o-mini answers at most 16,384 tokens (built in)
        Admission.Decision decision = Admission.decide(CHAT, call("gpt-4o-mini", "max_tokens", 16_385), null,
                "default", CATALOG);

        assertThat(decision).isInstanceOfSatisfying(Admission.Refused.class, r -> {
            assertRefused(r, Failure.MALFORMED, "invalid_value");
            assertThat(r.message()).startsWith("max_tokens is too large: 16385.").contains("at most 16384");
        });
        assertThat(promptCounts).hasValue(0);
        assertThat(Admission.decide(CHAT, call("gpt-4o-mini", "max_tokens", 16_384), null, "default", CATALOG))
                .isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void theOperatorsOutputLimitsOverrideTheBuiltInOnesAndZeroLiftsThem() {
        CatalogSnapshot limited = CatalogSnapshot.of(CATALOG.channels(), List.copyOf(CATALOG.prices().values()),
                List.of(new GroupView("default", 1_000_000)),
                Map.of("model_max_output_tokens", "{\"gpt-4o-mini\":0,\"sonnet\":1000}"));

        assertThat(Admission.decide(CHAT, call("gpt-4o-mini", "max_tokens", 500_000), null, "default", limited))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(Admission.decide(CHAT, call("sonnet", "max_tokens", 1001), null, "default", limited))
                .isInstanceOfSatisfying(Admission.Refused.class, r -> assertThat(r.message())
                        .startsWith("max_tokens is too large: 1001."));
    }

    @Test
    void anAdmittedRequestReservesItsMaximumCostInItsGroup() {
        // prompt 1000 at 0.15 × 1.25 (a cache write is the dearest input) + 500 output at 0.60, × vip 0.8
        // = (187,500 + 300,000) × 0.8 = 390,000 nano-USD
        Admission.Decision decision = Admission.decide(CHAT, call("gpt-4o-mini"),
                token(List.of("gpt-4o-mini"), null, false, false), "vip", CATALOG);

        assertThat(decision).isInstanceOfSatisfying(Admission.Admitted.class, admitted -> {
            assertThat(admitted.channels()).extracting(ChannelView::name).containsExactly("openai");
            assertThat(admitted.pricing()).isNotNull();
            assertThat(admitted.pricing().billedModel()).isEqualTo("gpt-4o-mini");
            assertThat(admitted.pricing().maximumNanoUsd()).isEqualTo(390_000);
        });
        assertThat(promptCounts).hasValue(1);
    }

    @Test
    void aReasoningSuffixRoutesToTheBaseModelAndIsBilledAtItsPrice() {
        Admission.Decision decision = Admission.decide(CHAT, call("o3-mini-high"),
                token(List.of("o3-mini"), null, false, false), "default", CATALOG);

        assertThat(decision).isInstanceOfSatisfying(Admission.Admitted.class, admitted -> {
            assertThat(admitted.call().routedModel()).isEqualTo("o3-mini");
            assertThat(admitted.call().reasoning()).isNotNull();
            assertThat(admitted.pricing().billedModel()).isEqualTo("o3-mini");
            // the suffix may raise the output limit to 32,768 tokens: 1000 × 1.10 × 1.25 + 32,768 × 4.40 per 1M
            assertThat(admitted.pricing().maximumNanoUsd()).isEqualTo(1_375_000 + 144_179_200);
        });
    }

    @Test
    void anthropicChannelsReserveForOneHourCacheWrites() {
        // 1000 × 3.00 × 2.0 + 500 × 15.00 per 1M = 6,000,000 + 7,500,000
        assertThat(Admission.decide(CHAT, call("sonnet"), null, "default", CATALOG))
                .isInstanceOfSatisfying(Admission.Admitted.class,
                        admitted -> assertThat(admitted.pricing().maximumNanoUsd()).isEqualTo(13_500_000));
    }

    @Test
    void anUnbilledCallIsAdmittedWithoutPricing() {
        ClientApi countTokens = new RelayFakes.ChatApi(Operation.CLAUDE_COUNT_TOKENS);
        assertThat(Admission.decide(countTokens, call("sonnet"), null, "default", CATALOG))
                .isInstanceOfSatisfying(Admission.Admitted.class, a -> assertThat(a.pricing()).isNull());
        assertThat(promptCounts).hasValue(0);
    }

    private static void assertRefused(Admission.Refused refused, Failure failure, String code) {
        assertThat(refused.failure()).isEqualTo(failure);
        assertThat(refused.code()).isEqualTo(code);
        assertThat(refused.message()).isNotBlank();
    }

    private ApiCall call(String model, String field, long asked) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model).put(field, asked);
        return new ApiCall(Operation.CHAT_COMPLETIONS, model, false, body, new byte[0], () -> {
            promptCounts.incrementAndGet();
            return 1000;
        }, asked, 1, ApiCall.AskedOutput.of(field, asked), Map.of());
    }

    private ApiCall call(String model) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model);
        return new ApiCall(Operation.CHAT_COMPLETIONS, model, false, body, new byte[0], () -> {
            promptCounts.incrementAndGet();
            return 1000;
        }, 500, 1, Map.of());
    }

    private static ApiTokenView token(List<String> models, @Nullable Instant expiresAt, boolean disabled,
                                      boolean ownerDisabled) {
        return token(models, expiresAt, disabled, ownerDisabled, List.of());
    }

    private static ApiTokenView token(List<String> models, @Nullable Instant expiresAt, boolean disabled,
                                      boolean ownerDisabled, List<String> allowIps) {
        return new ApiTokenView("t-1", "u-1", "ci", "sk-…0001", null, models, null, expiresAt, "default", disabled,
                ownerDisabled, 1, allowIps, NOW);
    }

    private static ChannelView channel(String name, String type, String... models) {
        return new ChannelView("id-" + name, name, type, "https://" + name, List.of(new ChannelKey("fp", "v1:x")), KeySelection.RANDOM, List.of(models), Map.of(),
                List.of("default", "vip"), 0, 1, null, false, null, true);
    }

    private static final ClientApi CHAT = new RelayFakes.ChatApi(Operation.CHAT_COMPLETIONS);
}

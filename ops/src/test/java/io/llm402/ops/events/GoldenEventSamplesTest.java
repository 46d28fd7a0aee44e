package io.llm402.ops.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.llm402.domain.access.api.ApiTokenDeletedEvent;
import io.llm402.domain.access.api.ApiTokenDisabledEvent;
import io.llm402.domain.access.api.ApiTokenEnabledEvent;
import io.llm402.domain.access.api.ApiTokenIssuedEvent;
import io.llm402.domain.access.api.ApiTokenKeyReplacedEvent;
import io.llm402.domain.access.api.ApiTokenTerms;
import io.llm402.domain.access.api.ApiTokenTermsChangedEvent;
import io.llm402.domain.account.api.AccessTokenIssuedEvent;
import io.llm402.domain.account.api.BackupCodeUsedEvent;
import io.llm402.domain.account.api.BackupCodesReplacedEvent;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.TwoFactorCodeAcceptedEvent;
import io.llm402.domain.account.api.TwoFactorDisabledEvent;
import io.llm402.domain.account.api.TwoFactorEnabledEvent;
import io.llm402.domain.account.api.TwoFactorFailedEvent;
import io.llm402.domain.account.api.TwoFactorLockedEvent;
import io.llm402.domain.account.api.TwoFactorSetUpEvent;
import io.llm402.domain.account.api.UserDeletedEvent;
import io.llm402.domain.account.api.UserDetailsChangedEvent;
import io.llm402.domain.account.api.UserDisabledEvent;
import io.llm402.domain.account.api.UserEnabledEvent;
import io.llm402.domain.account.api.UserPasswordSetEvent;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.account.api.UserProfileChangedEvent;
import io.llm402.domain.account.api.UserRegisteredEvent;
import io.llm402.domain.account.api.ExternalIdentityBoundEvent;
import io.llm402.domain.account.api.ExternalIdentityKey;
import io.llm402.domain.account.api.ExternalIdentityUnboundEvent;
import io.llm402.domain.account.api.ExternalLoginRefusedEvent;
import io.llm402.domain.account.api.ExternalLoginSucceededEvent;
import io.llm402.domain.account.api.ExternalProvider;
import io.llm402.domain.account.api.UserImportedEvent;
import io.llm402.domain.account.api.ImportedAccount;
import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelConfigurationChangedEvent;
import io.llm402.domain.channel.api.ChannelDeletedEvent;
import io.llm402.domain.channel.api.ChannelDisabledEvent;
import io.llm402.domain.channel.api.ChannelEnabledEvent;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.ChannelKeyDisabledEvent;
import io.llm402.domain.channel.api.ChannelKeyEnabledEvent;
import io.llm402.domain.channel.api.ChannelKeyReplacedEvent;
import io.llm402.domain.channel.api.ChannelKeysAddedEvent;
import io.llm402.domain.channel.api.ChannelKeysRemovedEvent;
import io.llm402.domain.channel.api.ChannelTestedEvent;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.domain.channel.api.ChannelRegisteredEvent;
import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.ChannelSettings;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.ledger.api.AllowanceClosedEvent;
import io.llm402.domain.ledger.api.AllowanceFundedEvent;
import io.llm402.domain.ledger.api.AllowanceReturnedEvent;
import io.llm402.domain.ledger.api.FundsDepositedEvent;
import io.llm402.domain.ledger.api.FundsWithdrawnEvent;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.ledger.api.UsageExpiredEvent;
import io.llm402.domain.ledger.api.UsagePostedEvent;
import io.llm402.domain.ledger.api.UsageReservedEvent;
import io.llm402.domain.ledger.api.UsageVoidedEvent;
import io.llm402.domain.ledger.api.WalletOpenedEvent;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.domain.payment.api.PaymentClaimedEvent;
import io.llm402.domain.payment.api.PaymentCoveredByCreditEvent;
import io.llm402.domain.payment.api.PaymentCreditedEvent;
import io.llm402.domain.payment.api.PaymentFailedEvent;
import io.llm402.domain.payment.api.PaymentPurpose;
import io.llm402.domain.payment.api.PaymentRequiredEvent;
import io.llm402.domain.payment.api.PaymentSettledEvent;
import io.llm402.domain.payment.api.PaymentStage;
import io.llm402.domain.payment.api.PaymentVerifiedEvent;
import io.llm402.domain.pricing.api.GroupDefinedEvent;
import io.llm402.domain.pricing.api.GroupRatioChangedEvent;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.pricing.api.ModelPriceDefinedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeChangedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeDeletedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeDisabledEvent;
import io.llm402.domain.redemption.api.RedemptionCodeEnabledEvent;
import io.llm402.domain.redemption.api.RedemptionCodeIssuedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeRedeemedEvent;
import io.llm402.domain.redemption.api.RedemptionTerms;
import io.llm402.domain.request.api.RequestRejectedEvent;
import io.llm402.domain.settings.api.SettingChangedEvent;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.Ratio;
import io.llm402.ops.axon.AxonStorageConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One golden JSON sample per event and revision ({@code src/test/resources/events/<Event>.r<revision>.json}): each is
 * read back with the production serializer, so a renamed field or moved class fails here instead of in a replay of
 * production events. When an event changes meaning or shape, add an upcaster and a new revision's sample; never edit
 * an old sample. A missing sample is written from the example below and the test fails until it is reviewed.
 */
class GoldenEventSamplesTest {

    private static final Path SAMPLES = Path.of("src/test/resources/events");
    private static final ApiTokenTerms TERMS = new ApiTokenTerms("ci", "vip", List.of("gpt-4o-mini"),
            5_000_000_000L, Instant.parse("2030-01-01T00:00:00Z"), List.of("10.0.0.0/8", "2001:db8::/32"));
    private static final RedemptionTerms REDEMPTION = new RedemptionTerms("launch", 10_000_000_000L,
            Instant.parse("2027-01-01T00:00:00Z"));
    private static final ChannelConfiguration CHANNEL = new ChannelConfiguration("openai-main", ChannelType.OPENAI,
            "https://api.openai.com", List.of("gpt-4o-mini"), Map.of("gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
            List.of("default"), 10, 5, new ChannelSettings(Ratio.of("0.5"), false, "2024-10-21",
            KeySelection.ROUND_ROBIN, false, "gpt-4o-mini", new ChannelRelayOptions("Answer in English.", true,
            "{\"temperature\":0.2}", "v1:sealed-headers", "header-fingerprint", Map.of(429, 503), false)));
    private static final ChannelKey KEY = new ChannelKey("fingerprint", "v1:sealed");
    private static final ExternalIdentityKey IDENTITY = new ExternalIdentityKey(ExternalProvider.OIDC,
            "https://idp.example.com", "sub-583231");

    private static final List<Object> EXAMPLES = List.of(
            new UserRegisteredEvent("u-1", new UserProfile("alice", Role.USER, "default")),
            new UserProfileChangedEvent("u-1", new UserProfile("alice", Role.ADMIN, "vip")),
            new UserPasswordSetEvent("u-1", "$2a$10$abcdefghijklmnopqrstuu"),
            new UserImportedEvent("u-1", new ImportedAccount("new-api", 7, 2_000_000_000L, 42)),
            new ExternalIdentityBoundEvent("identity:1", IDENTITY, "u-1", "alice-gh"),
            new ExternalIdentityUnboundEvent("identity:1", IDENTITY, "u-1", "admin-1"),
            new ExternalLoginSucceededEvent("identity:1", IDENTITY, "u-1"),
            new ExternalLoginRefusedEvent("identity:1", IDENTITY, "trust level 0 is below the minimum 2"),
            new ApiTokenIssuedEvent("t-1", "u-1", TERMS, "digest", "sk-…0001"),
            new ApiTokenTermsChangedEvent("t-1", new ApiTokenTerms("ci", null, List.of(), null, null)),
            new ApiTokenKeyReplacedEvent("t-1", "digest-2", "sk-…0002"),
            new ApiTokenDisabledEvent("t-1"),
            new ApiTokenEnabledEvent("t-1"),
            new UserDisabledEvent("u-1"),
            new UserEnabledEvent("u-1"),
            new UserDetailsChangedEvent("u-1", "Alice", "alice@example.com"),
            new UserDeletedEvent("u-1"),
            new AccessTokenIssuedEvent("u-1", "access-digest"),
            new ApiTokenDeletedEvent("t-1"),
            new TwoFactorSetUpEvent("u-1", "v1:sealed-secret", List.of("$2a$10$backup-code-hash")),
            new TwoFactorEnabledEvent("u-1", 59_000_000L),
            new TwoFactorCodeAcceptedEvent("u-1", 59_000_001L),
            new BackupCodeUsedEvent("u-1", 0),
            new BackupCodesReplacedEvent("u-1", List.of("$2a$10$new-backup-code-hash")),
            new TwoFactorFailedEvent("u-1", 2),
            new TwoFactorLockedEvent("u-1", Instant.parse("2026-12-07T00:05:00Z")),
            new TwoFactorDisabledEvent("u-1"),
            new ChannelDisabledEvent("c-1", "All keys are disabled: HTTP 401 invalid_api_key", true),
            new ChannelKeysAddedEvent("c-1", List.of(new ChannelKey("fingerprint-3", "v1:sealed-3"))),
            new ChannelKeysRemovedEvent("c-1", List.of("fingerprint-3")),
            new ChannelKeyDisabledEvent("c-1", "fingerprint", "HTTP 401 invalid_api_key", true),
            new ChannelKeyEnabledEvent("c-1", "fingerprint"),
            new ChannelTestedEvent("c-1", "gpt-4o-mini", "fingerprint", false, 812, "HTTP 401"),
            new ChannelEnabledEvent("c-1"),
            new ChannelDeletedEvent("c-1"),
            new RedemptionCodeIssuedEvent("r-1", REDEMPTION, "digest", "AbCd…WxYz"),
            new RedemptionCodeChangedEvent("r-1", REDEMPTION),
            new RedemptionCodeDisabledEvent("r-1"),
            new RedemptionCodeEnabledEvent("r-1"),
            new RedemptionCodeRedeemedEvent("r-1", "u-1", 10_000_000_000L),
            new RedemptionCodeDeletedEvent("r-1"),
            new ChannelRegisteredEvent("c-1", CHANNEL, List.of(KEY)),
            new ChannelConfigurationChangedEvent("c-1", CHANNEL),
            new ChannelKeyReplacedEvent("c-1", List.of(new ChannelKey("fingerprint-2", "v1:sealed-2"), KEY)),
            new ModelPriceDefinedEvent("gpt-4o-mini", 1,
                    new ModelPrice(150_000_000L, 600_000_000L, null, Ratio.of("0.5"), Ratio.of("1.25"))),
            new GroupDefinedEvent("vip", Ratio.of("0.8")),
            new GroupRatioChangedEvent("vip", Ratio.of("0.7")),
            new SettingChangedEvent("settings:global", SettingKey.PROMPT_CACHE_RATIO, "0.5"),
            new WalletOpenedEvent("wallet:u-1", "u-1"),
            new FundsDepositedEvent("wallet:u-1", "tr-1", "operator:promo-issuance", "wallet:u-1", 10_000_000_000L,
                    TransferCode.GRANT),
            new FundsWithdrawnEvent("wallet:u-1", "tr-2", "wallet:u-1", "operator:promo-issuance", 4_000_000_000L,
                    TransferCode.GRANT_REVERSAL),
            new AllowanceFundedEvent("wallet:u-1", "u-1", "a-1", "t-1", "node-a", "tr-3", "wallet:u-1", "allowance:a-1",
                    1_000_000_000L, TransferCode.ALLOWANCE_FUNDING),
            new UsageReservedEvent("a-1", "req-1", "u-1", "t-1", "gpt-4o-mini", 2_400_000L,
                    Instant.parse("2026-11-26T06:00:00Z")),
            new UsagePostedEvent("a-1", "req-1", "req-1", "allowance:a-1", "operator:revenue", 1_215L,
                    TransferCode.USAGE, 2_400_000L, 0, new Charge("gpt-4o-mini", "gpt-4o-mini",
                    "gpt-4o-mini-2024-07-18", "c-1", new CanonicalUsage(1_000, 4_096, 100, 300, 12, UsageBasis.UPSTREAM,
                    200, 0), 1, 800_000L, 500_000L, 1_250_000L, 1_215L, 2_000_000L)),
            new UsageVoidedEvent("a-1", "req-2", "all upstream channels failed"),
            new RequestRejectedEvent("req-4", "t-1", "u-1", "gpt-4o-mini", 402, "insufficient_quota",
                    Instant.parse("2026-12-07T00:00:00Z")),
            new UsageExpiredEvent("a-1", "req-3", "node restarted"),
            new AllowanceClosedEvent("a-1", 1_215L, 999_998_785L),
            new AllowanceReturnedEvent("wallet:u-1", "a-1", "t-1", "tr-4", "allowance:a-1", "wallet:u-1",
                    999_998_785L, TransferCode.ALLOWANCE_RETURN),
            new PaymentRequiredEvent("req-4", "http://127.0.0.1:3000/v1/chat/completions", "eip155:8453",
                    "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
                    "10000", "Payment required", Instant.parse("2026-11-26T06:00:00Z")),
            new PaymentClaimedEvent("x402-1", PaymentPurpose.REQUEST, "req-5", "x402:0xabc", "eip155:8453",
                    "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "0xAbC", "0x1111", "10000", 10_000_000L,
                    Instant.parse("2026-11-26T06:05:00Z"), Instant.parse("2026-11-26T06:00:00Z")),
            new PaymentVerifiedEvent("x402-1", Instant.parse("2026-11-26T06:00:01Z")),
            new PaymentSettledEvent("x402-1", PaymentPurpose.REQUEST, "x402:0xabc", "eip155:8453", "0xtx", "10000",
                    10_000_000L, Instant.parse("2026-11-26T06:00:02Z")),
            new PaymentCreditedEvent("x402-1", "req-5", "x402:0xabc", 10_000_000L, 1_215L, 9_998_785L),
            new PaymentFailedEvent("x402-2", PaymentStage.SETTLE, "invalid_exact_evm_insufficient_balance",
                    Instant.parse("2026-11-26T06:00:03Z")),
            new PaymentCoveredByCreditEvent("x402-3", "req-6", "x402:0xabc", Instant.parse("2026-11-26T06:00:04Z")));

    private final ObjectMapper mapper = AxonStorageConfiguration.eventObjectMapper();
    private final Serializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    @Test
    void everyEventHasARevisionAndAnExample() {
        Set<String> events = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.llm402.domain").stream()
                .filter(c -> c.getSimpleName().endsWith("Event") && c.isRecord())
                .map(JavaClass::getName).collect(Collectors.toSet());
        assertThat(events).isNotEmpty();
        for (String event : events) {
            assertThat(revisionOf(load(event))).as(event + " carries @Revision").isNotNull();
        }
        assertThat(EXAMPLES.stream().map(e -> e.getClass().getName()).collect(Collectors.toSet()))
                .as("an example (and so a golden sample) for every event").isEqualTo(events);
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenSampleStillReadsAsItsEvent() {
        return EXAMPLES.stream().map(example -> DynamicTest.dynamicTest(example.getClass().getSimpleName(), () -> {
            String revision = revisionOf(example.getClass());
            Path sample = SAMPLES.resolve(example.getClass().getSimpleName() + ".r" + revision + ".json");
            if (!Files.exists(sample)) {
                Files.createDirectories(SAMPLES);
                Files.writeString(sample, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(example) + "\n");
                throw new AssertionError("golden sample written to " + sample + ": review it and commit it");
            }
            byte[] json = Files.readAllBytes(sample);
            Object read = serializer.deserialize(new SimpleSerializedObject<>(json, byte[].class,
                    example.getClass().getName(), revision));
            assertThat(read).isEqualTo(example);
            JsonNode written = mapper.readTree(mapper.writeValueAsBytes(example));
            assertThat(written).as("serialized form of " + sample).isEqualTo(mapper.readTree(json));
        }));
    }

    /**
     * Every stored revision of every event, the older ones included, reads through the upcaster chain as the current
     * revision, losing nothing: the event read back serializes to exactly the upcast JSON.
     */
    @TestFactory
    Stream<DynamicTest> everyStoredRevisionReadsThroughTheUpcasters() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            samples = files.filter(p -> p.getFileName().toString().matches(".+\\.r\\d+\\.json")).sorted().toList();
        }
        return samples.stream().map(sample -> DynamicTest.dynamicTest(sample.getFileName().toString(), () -> {
            String file = sample.getFileName().toString();
            String simpleName = file.substring(0, file.indexOf(".r"));
            String revision = file.substring(file.indexOf(".r") + 2, file.length() - ".json".length());
            Class<?> type = EXAMPLES.stream().map(Object::getClass)
                    .filter(c -> c.getSimpleName().equals(simpleName)).findFirst().orElseThrow();
            Object read = readThroughUpcasters(Files.readAllBytes(sample), type.getName(), revision);
            assertThat(read).isInstanceOf(type);
        }));
    }

    @Test
    void aRevisionOneTokenReadsAsRevisionTwoAcceptingEveryAddress() throws IOException {
        ApiTokenIssuedEvent read = (ApiTokenIssuedEvent) readThroughUpcasters(
                Files.readAllBytes(SAMPLES.resolve("ApiTokenIssuedEvent.r1.json")), ApiTokenIssuedEvent.class.getName(),
                "1");

        assertThat(read.terms().allowIps()).isEmpty();
        assertThat(read.terms().models()).containsExactly("gpt-4o-mini");
    }

    @Test
    void aRevisionOneChargeReadsAsRevisionTwoWithZerosForWhatItDidNotKnow() throws IOException {
        UsagePostedEvent read = (UsagePostedEvent) readThroughUpcasters(
                Files.readAllBytes(SAMPLES.resolve("UsagePostedEvent.r1.json")), UsagePostedEvent.class.getName(), "1");

        assertThat(read.charge().usage().cacheWrite1hTokens()).isZero();
        assertThat(read.charge().usage().searchUnits()).isZero();
        assertThat(read.charge().cacheWrite1hRatioMillionths()).isZero();
        assertThat(read.charge().usage().cachedTokens()).isEqualTo(4_096);
        assertThat(read.amountNanoUsd()).isEqualTo(1_215);
    }

    @Test
    void revisionOneChannelsReadWithTheirOneKeyRandomSelectionAndAdminDisabling() throws IOException {
        ChannelRegisteredEvent registered = (ChannelRegisteredEvent) readThroughUpcasters(
                Files.readAllBytes(SAMPLES.resolve("ChannelRegisteredEvent.r1.json")),
                ChannelRegisteredEvent.class.getName(), "1");
        ChannelKeyReplacedEvent replaced = (ChannelKeyReplacedEvent) readThroughUpcasters(
                Files.readAllBytes(SAMPLES.resolve("ChannelKeyReplacedEvent.r1.json")),
                ChannelKeyReplacedEvent.class.getName(), "1");
        ChannelDisabledEvent disabled = (ChannelDisabledEvent) readThroughUpcasters(
                Files.readAllBytes(SAMPLES.resolve("ChannelDisabledEvent.r1.json")),
                ChannelDisabledEvent.class.getName(), "1");

        assertThat(registered.keys()).containsExactly(new ChannelKey("fingerprint", "v1:sealed"));
        assertThat(registered.configuration().settings()).isEqualTo(new ChannelSettings(Ratio.of("0.5"), false,
                "2024-10-21", KeySelection.RANDOM, true, null));
        assertThat(replaced.keys()).containsExactly(new ChannelKey("fingerprint-2", "v1:sealed-2"));
        assertThat(disabled.automatic()).isFalse();
        assertThat(disabled.reason()).isEqualTo("disabled by an admin");
    }

    private Object readThroughUpcasters(byte[] json, String type, String revision) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Aggregate", "a-1", 0, "e-1",
                Instant.EPOCH, type, revision, json, "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = AxonStorageConfiguration.upcasters()
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        assertThat(upcast).hasSize(1);
        IntermediateEventRepresentation current = upcast.getFirst();
        Object event = serializer.deserialize(current.getData());
        try {
            byte[] upcastBytes = serializer.getConverter().convert(current.getData(), byte[].class).getData();
            JsonNode upcastJson = mapper.readTree(upcastBytes);
            assertThat(mapper.readTree(mapper.writeValueAsBytes(event)))
                    .as("%s r%s read as r%s keeps every field", type, revision, current.getType().getRevision())
                    .isEqualTo(upcastJson);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return event;
    }

    private static String revisionOf(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}

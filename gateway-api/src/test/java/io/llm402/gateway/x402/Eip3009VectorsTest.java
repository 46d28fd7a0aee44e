package io.llm402.gateway.x402;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The EIP-3009 vectors generated with viem 2.57.20 and cross-checked against the @x402/evm 2.27.0 facilitator
 * ({@code features/src/test/x402/vectors.mjs}): for every case our digest must be viem's, and our verifier must give
 * the expected reason (or accept, naming the signer as payer).
 */
class Eip3009VectorsTest {

    private static final String VECTORS = "/x402/eip3009-vectors.json";
    private static final JsonMapper JSON = X402Codec.json();
    private static final ExactEvmVerifier VERIFIER =
            new ExactEvmVerifier(Duration.ofSeconds(6), Duration.ofSeconds(30));

    @TestFactory
    Stream<DynamicTest> everyCaseHasViemsDigestAndTheExpectedVerdict() throws IOException {
        JsonNode vectors = load();
        JsonNode d = vectors.get("domain");
        Eip712Domain domain = new Eip712Domain(d.get("name").asString(), d.get("version").asString(),
                d.get("chainId").asLong(), d.get("verifyingContract").asString());
        PaymentRequirements requirements = JSON.treeToValue(vectors.get("requirements"), PaymentRequirements.class);
        Instant now = Instant.ofEpochSecond(vectors.get("now").asLong());

        List<String> names = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors.get("cases")) {
            String name = vector.get("name").asString();
            names.add(name);
            tests.add(dynamicTest(name, () -> check(vector, domain, requirements, now)));
        }
        // A truncated or regenerated file must not pass by having fewer cases.
        assertThat(names).contains("valid", "valid_second_payer", "wrong_domain_name", "wrong_chain",
                "wrong_version", "signer_is_not_from", "wrong_pay_to", "value_plus_one", "value_minus_one", "expired",
                "too_long_lived", "not_yet_valid", "high_s", "bad_length", "tampered_nonce", "accepted_differs",
                "wrong_version_number");
        return tests.stream();
    }

    private static void check(JsonNode vector, Eip712Domain domain, PaymentRequirements requirements, Instant now) {
        PaymentPayload payload = JSON.treeToValue(vector.get("payload"), PaymentPayload.class);
        String digest = text(vector.get("digest"));
        if (digest != null) {
            assertThat("0x" + HexFormat.of().formatHex(Eip3009.digest(domain, payload.payload().authorization())))
                    .as("digest")
                    .isEqualToIgnoringCase(digest);
        }

        Verification verification = VERIFIER.verify(payload, requirements, domain, now);

        String expectedReason = text(vector.get("expectedReason"));
        if (expectedReason == null) {
            String signer = text(vector.get("signer"));
            assertThat(signer).as("a valid case names its signer").isNotNull();
            assertThat(verification).isEqualTo(Verification.valid(signer));
        } else {
            assertThat(verification).isEqualTo(Verification.invalid(expectedReason));
        }
    }

    private static JsonNode load() throws IOException {
        try (InputStream in = Eip3009VectorsTest.class.getResourceAsStream(VECTORS)) {
            assertThat(in).as("test resource %s (generate it with features/src/test/x402/vectors.mjs)", VECTORS)
                    .isNotNull();
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}

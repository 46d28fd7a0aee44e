package io.llm402.gateway.x402;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementMatcherTest {

    private static final PaymentRequirements OURS = X402Fixtures.requirements();

    @Test
    void anIdenticalEchoMatches() {
        assertThat(RequirementMatcher.matches(X402Fixtures.requirements(), OURS)).isTrue();
    }

    @Test
    void everyFieldDifferenceBreaksTheMatch() {
        List<PaymentRequirements> different = List.of(
                with("upto", OURS.network(), OURS.amount(), OURS.asset(), OURS.payTo(), 300, OURS.extra()),
                with("EXACT", OURS.network(), OURS.amount(), OURS.asset(), OURS.payTo(), 300, OURS.extra()),
                with("exact", "eip155:8453", OURS.amount(), OURS.asset(), OURS.payTo(), 300, OURS.extra()),
                with("exact", OURS.network(), "10001", OURS.asset(), OURS.payTo(), 300, OURS.extra()),
                with("exact", OURS.network(), "9999", OURS.asset(), OURS.payTo(), 300, OURS.extra()),
                with("exact", OURS.network(), OURS.amount(), "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
                        OURS.payTo(), 300, OURS.extra()),
                with("exact", OURS.network(), OURS.amount(), OURS.asset(), X402Fixtures.OTHER, 300, OURS.extra()),
                with("exact", OURS.network(), OURS.amount(), OURS.asset(), OURS.payTo(), 301, OURS.extra()),
                with("exact", OURS.network(), OURS.amount(), OURS.asset(), OURS.payTo(), 3600, OURS.extra()));

        for (PaymentRequirements accepted : different) {
            assertThat(RequirementMatcher.matches(accepted, OURS)).as(accepted.toString()).isFalse();
        }
    }

    @Test
    void addressesMatchWhateverTheirCase() {
        PaymentRequirements lower = with("exact", OURS.network(), OURS.amount(), OURS.asset().toLowerCase(),
                OURS.payTo().toLowerCase(), 300, OURS.extra());
        PaymentRequirements upper = with("exact", OURS.network(), OURS.amount(),
                "0x" + OURS.asset().substring(2).toUpperCase(), "0x" + OURS.payTo().substring(2).toUpperCase(), 300,
                OURS.extra());

        assertThat(RequirementMatcher.matches(lower, OURS)).isTrue();
        assertThat(RequirementMatcher.matches(upper, OURS)).isTrue();
    }

    @Test
    void everyKeyOfOurExtraMustBeEchoedWithItsValue() {
        assertThat(matchesWithExtra(Map.of("name", "USDC"))).as("version missing").isFalse();
        assertThat(matchesWithExtra(Map.of())).as("extra missing").isFalse();
        assertThat(matchesWithExtra(Map.of("name", "USD Coin", "version", "2"))).as("another name").isFalse();
        assertThat(matchesWithExtra(Map.of("name", "USDC", "version", 2))).as("a number for a string").isFalse();
        Map<String, Object> withNull = new LinkedHashMap<>(Map.of("name", "USDC"));
        withNull.put("version", null);
        assertThat(matchesWithExtra(withNull)).as("null for a value").isFalse();
    }

    @Test
    void theClientMayAddToExtra() {
        assertThat(matchesWithExtra(Map.of("name", "USDC", "version", "2", "assetTransferMethod", "eip3009")))
                .isTrue();
        PaymentRequirements noExtra = with("exact", OURS.network(), OURS.amount(), OURS.asset(), OURS.payTo(), 300,
                Map.of());
        PaymentRequirements theirs = with("exact", OURS.network(), OURS.amount(), OURS.asset(), OURS.payTo(), 300,
                Map.of("anything", true));
        assertThat(RequirementMatcher.matches(theirs, noExtra)).isTrue();
    }

    @Test
    void extraValuesCompareAsJsonValues() {
        PaymentRequirements ours = with("exact", OURS.network(), OURS.amount(), OURS.asset(), OURS.payTo(), 300,
                Map.of("decimals", 6L, "flow", Map.of("kind", "authorization", "steps", List.of(1L, 2L))));
        PaymentRequirements theirs = with("exact", OURS.network(), OURS.amount(), OURS.asset(), OURS.payTo(), 300,
                Map.of("decimals", 6, "flow", Map.of("kind", "authorization", "steps", List.of(1, 2))));
        PaymentRequirements otherSteps = with("exact", OURS.network(), OURS.amount(), OURS.asset(), OURS.payTo(),
                300, Map.of("decimals", 6, "flow", Map.of("kind", "authorization", "steps", List.of(1, 3))));

        assertThat(RequirementMatcher.matches(theirs, ours)).isTrue();
        assertThat(RequirementMatcher.matches(otherSteps, ours)).isFalse();
    }

    @Test
    void whatTheJsonDecoderProducesMatchesWhatWeBuilt() throws X402Exception {
        PaymentRequirements echoed = X402Codec.decodePayment(X402Codec.encode(X402Fixtures.payload())).accepted();

        assertThat(RequirementMatcher.matches(echoed, OURS)).isTrue();
    }

    private static boolean matchesWithExtra(Map<String, Object> extra) {
        return RequirementMatcher.matches(
                with("exact", OURS.network(), OURS.amount(), OURS.asset(), OURS.payTo(), 300, extra), OURS);
    }

    private static PaymentRequirements with(String scheme, String network, String amount, String asset, String payTo,
                                            long maxTimeoutSeconds, Map<String, Object> extra) {
        return new PaymentRequirements(scheme, network, amount, asset, payTo, maxTimeoutSeconds, extra);
    }
}

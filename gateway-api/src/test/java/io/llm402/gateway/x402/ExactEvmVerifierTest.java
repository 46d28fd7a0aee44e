package io.llm402.gateway.x402;

import static io.llm402.gateway.x402.X402Fixtures.DOMAIN;
import static io.llm402.gateway.x402.X402Fixtures.NOW;
import static io.llm402.gateway.x402.X402Fixtures.PAYER;
import static io.llm402.gateway.x402.X402Fixtures.PAY_TO;
import static io.llm402.gateway.x402.X402Fixtures.authorization;
import static io.llm402.gateway.x402.X402Fixtures.payload;
import static io.llm402.gateway.x402.X402Fixtures.requirements;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier's rules one at a time, on payments signed in Java (the viem vectors cover the same ground). */
class ExactEvmVerifierTest {

    private final ExactEvmVerifier verifier = new ExactEvmVerifier(Duration.ofSeconds(6), Duration.ofSeconds(30));

    @Test
    void aCorrectPaymentIsValidAndNamesItsPayer() {
        assertThat(verifier.verify(payload(), requirements(), DOMAIN, NOW)).isEqualTo(Verification.valid(PAYER));
    }

    @Test
    void onlyVersion2IsSpoken() {
        PaymentPayload valid = payload();
        PaymentPayload v1 = new PaymentPayload(1, valid.resource(), valid.accepted(), valid.payload());

        assertThat(verifier.verify(v1, requirements(), DOMAIN, NOW).reason()).isEqualTo("invalid_x402_version");
    }

    @Test
    void theAcceptedRequirementMustBeOurs() {
        PaymentRequirements cheaper = new PaymentRequirements("exact", X402Fixtures.NETWORK, "1", X402Fixtures.ASSET,
                PAY_TO, 300, requirements().extra());
        PaymentPayload valid = payload();
        PaymentPayload claimsCheaper = new PaymentPayload(2, valid.resource(), cheaper, valid.payload());

        assertThat(verifier.verify(claimsCheaper, requirements(), DOMAIN, NOW).reason())
                .isEqualTo("invalid_payment_requirements");
    }

    @Test
    void onlyTheExactSchemeIsVerified() {
        PaymentRequirements upto = new PaymentRequirements("upto", X402Fixtures.NETWORK, "10000", X402Fixtures.ASSET,
                PAY_TO, 300, requirements().extra());
        PaymentPayload valid = payload();
        PaymentPayload payload = new PaymentPayload(2, valid.resource(), upto, valid.payload());

        assertThat(verifier.verify(payload, upto, DOMAIN, NOW).reason()).isEqualTo("invalid_exact_evm_scheme");
    }

    @Test
    void aMalformedNonceIsAnInvalidPayload() {
        Authorization a = authorization();
        Authorization shortNonce = new Authorization(a.from(), a.to(), a.value(), a.validAfter(), a.validBefore(),
                "0x1234");
        PaymentPayload valid = payload();
        PaymentPayload payload = new PaymentPayload(2, valid.resource(), valid.accepted(),
                new ExactEvmPayload(valid.payload().signature(), shortNonce));

        assertThat(verifier.verify(payload, requirements(), DOMAIN, NOW).reason()).isEqualTo("invalid_payload");
    }

    @Test
    void aSignatureByAnyoneButFromIsRefused() {
        PaymentPayload byStranger = payload(authorization(), X402Fixtures.OTHER_KEY, DOMAIN);

        assertThat(verifier.verify(byStranger, requirements(), DOMAIN, NOW).reason())
                .isEqualTo("invalid_exact_evm_signature");
    }

    @Test
    void theDomainIsTheServersNotTheOneTheClientsExtraNames() {
        // The client signed for "USD Coin" and says so in its extra; the server's token is "USDC".
        Eip712Domain claimed = new Eip712Domain("USD Coin", "2", DOMAIN.chainId(), DOMAIN.verifyingContract());
        PaymentRequirements ours = new PaymentRequirements("exact", X402Fixtures.NETWORK, "10000",
                X402Fixtures.ASSET, PAY_TO, 300, Map.of());
        PaymentRequirements theirs = new PaymentRequirements("exact", X402Fixtures.NETWORK, "10000",
                X402Fixtures.ASSET, PAY_TO, 300, Map.of("name", "USD Coin", "version", "2"));
        PaymentPayload signedForClaimed = payload(authorization(), X402Fixtures.PAYER_KEY, claimed);
        PaymentPayload payload = new PaymentPayload(2, null, theirs, signedForClaimed.payload());

        assertThat(verifier.verify(payload, ours, DOMAIN, NOW).reason()).isEqualTo("invalid_exact_evm_signature");
        assertThat(verifier.verify(payload, ours, claimed, NOW).valid()).isTrue();
    }

    @Test
    void theMoneyMustGoToUs() {
        Authorization a = authorization();
        Authorization elsewhere = new Authorization(a.from(), X402Fixtures.OTHER, a.value(), a.validAfter(),
                a.validBefore(), a.nonce());

        assertThat(verifier.verify(payload(elsewhere), requirements(), DOMAIN, NOW).reason())
                .isEqualTo("invalid_exact_evm_recipient_mismatch");
        Authorization lowerCase = new Authorization(a.from(), PAY_TO.toLowerCase(), a.value(), a.validAfter(),
                a.validBefore(), a.nonce());
        assertThat(verifier.verify(payload(lowerCase), requirements(), DOMAIN, NOW).valid()).isTrue();
    }

    @Test
    void validBeforeMustLeaveTheMarginButNotExceedTheTimeoutPlusSkew() {
        long now = NOW.getEpochSecond();
        assertThat(verifyWithValidBefore(now + 6).valid()).isTrue();
        assertThat(verifyWithValidBefore(now + 5).reason())
                .isEqualTo("invalid_exact_evm_payload_authorization_valid_before");
        assertThat(verifyWithValidBefore(now - 1).reason())
                .isEqualTo("invalid_exact_evm_payload_authorization_valid_before");
        assertThat(verifyWithValidBefore(now + 300 + 30).valid()).isTrue();
        assertThat(verifyWithValidBefore(now + 300 + 31).reason())
                .isEqualTo("invalid_exact_evm_payload_authorization_valid_before");
    }

    @Test
    void validAfterMustHavePassed() {
        Authorization a = authorization();
        String now = String.valueOf(NOW.getEpochSecond());
        String later = String.valueOf(NOW.getEpochSecond() + 1);

        assertThat(verifier.verify(payload(new Authorization(a.from(), a.to(), a.value(), now, a.validBefore(),
                a.nonce())), requirements(), DOMAIN, NOW).valid()).isTrue();
        assertThat(verifier.verify(payload(new Authorization(a.from(), a.to(), a.value(), later, a.validBefore(),
                a.nonce())), requirements(), DOMAIN, NOW).reason())
                .isEqualTo("invalid_exact_evm_payload_authorization_valid_after");
    }

    @Test
    void theValueMustBeExactlyThePrice() {
        Authorization a = authorization();
        for (String value : new String[] {"9999", "10001", "0"}) {
            Authorization other = new Authorization(a.from(), a.to(), value, a.validAfter(), a.validBefore(),
                    a.nonce());
            assertThat(verifier.verify(payload(other), requirements(), DOMAIN, NOW).reason())
                    .as(value)
                    .isEqualTo("invalid_exact_evm_payload_authorization_value_mismatch");
        }
        Authorization leadingZero = new Authorization(a.from(), a.to(), "010000", a.validAfter(), a.validBefore(),
                a.nonce());
        assertThat(verifier.verify(payload(leadingZero), requirements(), DOMAIN, NOW).valid()).isTrue();
    }

    @Test
    void theMatchingRuleComesBeforeTheSignature() {
        // Both wrong: the requirement mismatch is reported, as the reference server would.
        PaymentRequirements cheaper = new PaymentRequirements("exact", X402Fixtures.NETWORK, "1", X402Fixtures.ASSET,
                PAY_TO, 300, requirements().extra());
        PaymentPayload byStranger = payload(authorization(), X402Fixtures.OTHER_KEY, DOMAIN);
        PaymentPayload both = new PaymentPayload(2, null, cheaper, byStranger.payload());

        assertThat(verifier.verify(both, requirements(), DOMAIN, NOW).reason())
                .isEqualTo("invalid_payment_requirements");
    }

    private Verification verifyWithValidBefore(long validBefore) {
        Authorization a = authorization();
        Authorization authorization = new Authorization(a.from(), a.to(), a.value(), a.validAfter(),
                String.valueOf(validBefore), a.nonce());
        return verifier.verify(payload(authorization), requirements(), DOMAIN, NOW);
    }
}

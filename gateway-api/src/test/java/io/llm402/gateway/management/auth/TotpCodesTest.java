package io.llm402.gateway.management.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.shared.SecretBox;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238's SHA-1 test vectors (the last six digits), through the sealed secret, with one step of drift allowed. */
class TotpCodesTest {

    private final SecretBox secretBox = new SecretBox("a-crypto-secret-for-tests");
    private final TotpCodes codes = new TotpCodes(secretBox);
    /** The RFC's key "12345678901234567890" in Base32. */
    private final String sealed = secretBox.seal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

    @Test
    void theRfcVectorsMatchAtTheirStep() {
        assertThat(codes.matchingStep(sealed, "287082", Instant.ofEpochSecond(59))).hasValue(1);
        assertThat(codes.matchingStep(sealed, "081804", Instant.ofEpochSecond(1_111_111_109))).hasValue(37_037_036);
        assertThat(codes.matchingStep(sealed, "353130", Instant.ofEpochSecond(20_000_000_000L)))
                .hasValue(666_666_666);
    }

    @Test
    void oneStepOfDriftIsAcceptedAndTwoAreNot() {
        assertThat(codes.matchingStep(sealed, "287082", Instant.ofEpochSecond(59 + 30))).hasValue(1);
        assertThat(codes.matchingStep(sealed, "287082", Instant.ofEpochSecond(59 + 60))).isEmpty();
        assertThat(codes.matchingStep(sealed, "287083", Instant.ofEpochSecond(59))).isEmpty();
    }

    @Test
    void aNewSecretIsTwentyBytesInBase32() {
        assertThat(codes.newSecret()).matches("[A-Z2-7]{32}");
    }
}

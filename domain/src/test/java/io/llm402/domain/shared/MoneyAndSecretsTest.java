package io.llm402.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyAndSecretsTest {

    @Test
    void usdConvertsToNanoUsdExactlyOrNotAtAll() {
        assertThat(NanoUsd.fromUsd("0.15")).isEqualTo(150_000_000L);
        assertThat(NanoUsd.fromUsd("10")).isEqualTo(10_000_000_000L);
        assertThatThrownBy(() -> NanoUsd.fromUsd("0.0000000001")).isInstanceOf(IllegalArgumentException.class);
        assertThat(NanoUsd.toUsdString(1_500_000_000L)).isEqualTo("1.50");
        assertThat(NanoUsd.toUsdString(150L)).isEqualTo("0.00000015");
    }

    @Test
    void ratiosAreExactMillionths() {
        assertThat(Ratio.of("1.25").millionths()).isEqualTo(1_250_000L);
        assertThat(Ratio.of("0.80")).isEqualTo(Ratio.of("0.8"));
        assertThatThrownBy(() -> Ratio.of("0.0000001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ratio.of("-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealedKeysOpenOnlyWithTheSameSecret() {
        SecretBox box = new SecretBox("0123456789abcdef-one");
        String sealed = box.seal("sk-upstream-secret");
        assertThat(sealed).doesNotContain("sk-upstream-secret");
        assertThat(box.seal("sk-upstream-secret")).isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo("sk-upstream-secret");
        assertThatThrownBy(() -> new SecretBox("0123456789abcdef-two").open(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("sk-upstream");
    }

    @Test
    void fingerprintsAndDigestsAreStableAndKeyed() {
        SecretBox one = new SecretBox("0123456789abcdef-one");
        SecretBox two = new SecretBox("0123456789abcdef-two");
        assertThat(one.fingerprint("k")).isEqualTo(one.fingerprint("k")).isNotEqualTo(two.fingerprint("k"));
        assertThat(one.tokenDigest("k")).isNotEqualTo(one.fingerprint("k")).hasSize(64);
        assertThat(SecretBox.hint("sk-alice-ci-0001")).isEqualTo("sk-…0001");
    }
}

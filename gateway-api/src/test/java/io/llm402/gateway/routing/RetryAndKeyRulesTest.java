package io.llm402.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.projections.catalog.api.ChannelView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryAndKeyRulesTest {

    private static final ChannelKey A = new ChannelKey("fp-a", "v1:a");
    private static final ChannelKey B = new ChannelKey("fp-b", "v1:b");
    private static final ChannelKey C = new ChannelKey("fp-c", "v1:c");

    @Test
    void theDefaultsKeepLlm402sChannelFaults() {
        RetryRules rules = RetryRules.from(Map.of());
        assertThat(List.of(401, 402, 403, 404, 408, 429, 500, 503, 529, 599)).allMatch(rules::channelFault);
        assertThat(List.of(400, 405, 409, 413, 422)).noneMatch(rules::channelFault);
        assertThat(rules.retriesOr(2)).isEqualTo(2);
    }

    @Test
    void retriesAndStatusesAreSettings() {
        RetryRules rules = RetryRules.from(Map.of(RetryRules.RETRY_TIMES, "0", RetryRules.STATUS_CODES,
                "429, 500-503"));
        assertThat(rules.retriesOr(2)).isZero();
        assertThat(rules.channelFault(502)).isTrue();
        assertThat(rules.channelFault(504)).isFalse();
        assertThat(rules.channelFault(401)).as("a refused key becomes the client's error").isFalse();
        assertThatThrownBy(() -> StatusCodes.parse("500-400")).hasMessageContaining("500-400");
        assertThatThrownBy(() -> StatusCodes.parse("abc")).hasMessageContaining("abc");
        assertThatThrownBy(() -> StatusCodes.parse("99")).hasMessageContaining("100-599");
    }

    @Test
    void roundRobinWalksTheKeysInTurnAndRandomSpreadsThem() {
        KeyPicker picker = new KeyPicker(new SplittableRandom(7));
        ChannelView polling = channel(KeySelection.ROUND_ROBIN, A, B, C);
        assertThat(List.of(picker.pick(polling), picker.pick(polling), picker.pick(polling), picker.pick(polling)))
                .containsExactly(A, B, C, A);
        ChannelView random = channel(KeySelection.RANDOM, A, B, C);
        Map<ChannelKey, Integer> counts = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            counts.merge(picker.pick(random), 1, Integer::sum);
        }
        assertThat(counts.values()).allMatch(n -> n > 850 && n < 1150);
    }

    @Test
    void aDeadKeyIsNotPickedAgainForTheSameRequest() {
        KeyPicker picker = new KeyPicker(RandomGenerator.getDefault());
        ChannelView channel = channel(KeySelection.RANDOM, A, B, C);
        for (int i = 0; i < 200; i++) {
            assertThat(picker.pick(channel, List.of("fp-a", "fp-c"))).isEqualTo(B);
        }
    }

    private static ChannelView channel(KeySelection selection, ChannelKey... keys) {
        return new ChannelView("c-1", "multi", "openai", "https://upstream", List.of(keys), selection, List.of("m"),
                Map.of(), List.of("default"), 0, 1, null, false, null, true);
    }
}

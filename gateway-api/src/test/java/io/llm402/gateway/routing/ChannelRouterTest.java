package io.llm402.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.projections.catalog.api.ChannelView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChannelRouterTest {

    private final ChannelRouter router = new ChannelRouter(new SplittableRandom(42));

    @Test
    void theHighestTierComesFirstAndRetriesStayInItUntilItIsExhausted() {
        List<ChannelView> attempts = router.attempts(List.of(channel("low", 1, 5), channel("high-a", 10, 1),
                channel("high-b", 10, 1), channel("mid", 5, 1)), 10);

        assertThat(attempts.subList(0, 2)).extracting(ChannelView::name)
                .containsExactlyInAnyOrder("high-a", "high-b");
        assertThat(attempts.subList(2, 4)).extracting(ChannelView::name).containsExactly("mid", "low");
    }

    @Test
    void noChannelIsTriedTwiceAndRetriesAreBounded() {
        List<ChannelView> candidates = List.of(channel("a", 1, 1), channel("b", 1, 1), channel("c", 1, 1));
        assertThat(router.attempts(candidates, 2)).hasSize(3).doesNotHaveDuplicates();
        assertThat(router.attempts(candidates, 0)).hasSize(1);
    }

    @Test
    void weightsAreHonouredWithoutSmoothing() {
        List<ChannelView> tier = List.of(channel("one", 1, 1), channel("nine", 1, 9));
        Map<String, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            firsts.merge(router.attempts(tier, 0).getFirst().name(), 1, Integer::sum);
        }
        // 1:9 (new-api's "+10" smoothing would make it 11:19); a generous band, the draw is seeded.
        assertThat(firsts.get("nine")).isBetween(8_700, 9_300);
    }

    @Test
    void aTierOfZeroWeightsIsDrawnUniformly() {
        List<ChannelView> tier = List.of(channel("a", 1, 0), channel("b", 1, 0));
        Map<String, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            firsts.merge(router.attempts(tier, 0).getFirst().name(), 1, Integer::sum);
        }
        assertThat(firsts).containsKeys("a", "b");
    }

    private static ChannelView channel(String name, int priority, int weight) {
        return new ChannelView("id-" + name, name, "openai", "https://" + name, List.of(new ChannelKey("fp", "v1:x")), KeySelection.RANDOM, List.of("m"), Map.of(),
                List.of("default"), priority, weight, null, false, null, true);
    }
}

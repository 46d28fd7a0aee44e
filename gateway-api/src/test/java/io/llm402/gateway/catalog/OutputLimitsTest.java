package io.llm402.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class OutputLimitsTest {

    @Test
    void aDatedOrSuffixedNameHasItsFamilysLimitAndTheLongestEntryWins() {
        assertThat(OutputLimits.BUILT_IN.limitFor("gpt-4o-2024-08-06")).isEqualTo(16_384);
        assertThat(OutputLimits.BUILT_IN.limitFor("gpt-5-chat-latest")).isEqualTo(16_384);
        assertThat(OutputLimits.BUILT_IN.limitFor("gpt-5-mini")).isEqualTo(128_000);
        assertThat(OutputLimits.BUILT_IN.limitFor("o1-mini-2024-09-12")).isEqualTo(65_536);
        assertThat(OutputLimits.BUILT_IN.limitFor("claude-opus-4-5-20251101")).isEqualTo(64_000);
        assertThat(OutputLimits.BUILT_IN.limitFor("claude-opus-4-1-20250805")).isEqualTo(32_000);
        assertThat(OutputLimits.BUILT_IN.limitFor("openai/gpt-4.1-mini")).isEqualTo(32_768);
    }

    @Test
    void aNameIsMatchedOnlyAtAHyphen() {
        assertThat(OutputLimits.BUILT_IN.limitFor("o1x")).isEqualTo(OutputLimits.UNKNOWN);
        assertThat(OutputLimits.BUILT_IN.limitFor("gpt-4")).isEqualTo(OutputLimits.UNKNOWN);
        assertThat(OutputLimits.BUILT_IN.limitFor("my-own-model")).isEqualTo(OutputLimits.UNKNOWN);
    }

    @Test
    void theSettingAddsAndOverridesModelsAndZeroMeansNoLimitKnown() {
        OutputLimits limits = OutputLimits.withOverrides("{\"my-model\": 2048, \"gpt-4o\": 0}");

        assertThat(limits.limitFor("my-model")).isEqualTo(2048);
        assertThat(limits.limitFor("gpt-4o-mini")).isEqualTo(OutputLimits.UNKNOWN);
        assertThat(limits.limitFor("gpt-4.1")).isEqualTo(32_768);
    }

    @Test
    void theSettingIsCheckedAndKeptSorted() {
        assertThat(OutputLimits.normalize(" {\"b\": 2, \"a\": 1} ")).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(OutputLimits.normalize("")).isEqualTo("{}");
        assertThatIllegalArgumentException().isThrownBy(() -> OutputLimits.normalize("[1]"));
        assertThatIllegalArgumentException().isThrownBy(() -> OutputLimits.normalize("{\"a\": -1}"));
        assertThatIllegalArgumentException().isThrownBy(() -> OutputLimits.normalize("{\"a\": 1.5}"));
        assertThatIllegalArgumentException().isThrownBy(() -> OutputLimits.normalize("{\"a\": \"9\"}"));
        assertThatIllegalArgumentException().isThrownBy(() -> OutputLimits.normalize("{\"a\": 1e30}"));
    }
}

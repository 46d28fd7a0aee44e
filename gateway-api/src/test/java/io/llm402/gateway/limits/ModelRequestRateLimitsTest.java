package io.llm402.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.domain.settings.api.SettingKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** new-api's option values and their meaning: defaults, group overrides, and what is refused on entry. */
class ModelRequestRateLimitsTest {

    @Test
    void offUnlessEnabled() {
        assertThat(ModelRequestRateLimits.from(Map.of()).limitFor("default")).isEmpty();
        assertThat(ModelRequestRateLimits.from(Map.of("model_request_rate_limit_count", "5")).limitFor("default"))
                .isEmpty();
    }

    @Test
    void enabledWithNewApisDefaultsAndAGroupOverride() {
        ModelRequestRateLimits limits = ModelRequestRateLimits.from(Map.of(
                "model_request_rate_limit_enabled", "true",
                "model_request_rate_limit_duration_minutes", "3",
                "model_request_rate_limit_count", "60",
                "model_request_rate_limit_group", "{\"vip\":[0,500]}"));
        assertThat(limits.limitFor("default")).contains(new WindowLimit(180_000, 60, 1000));
        assertThat(limits.limitFor("vip")).contains(new WindowLimit(180_000, 0, 500));
    }

    @Test
    void valuesAreCheckedAndNormalisedOnEntry() {
        assertThat(ModelRequestRateLimits.normalize(SettingKey.MODEL_REQUEST_RATE_LIMIT_COUNT, " 12 "))
                .isEqualTo("12");
        assertThat(ModelRequestRateLimits.normalize(SettingKey.MODEL_REQUEST_RATE_LIMIT_GROUP,
                "{ \"vip\": [0, 100], \"free\": [10, 5] }")).isEqualTo("{\"vip\":[0,100],\"free\":[10,5]}");
        assertThatThrownBy(() -> ModelRequestRateLimits.normalize(
                SettingKey.MODEL_REQUEST_RATE_LIMIT_SUCCESS_COUNT, "0"))
                .hasMessageContaining("ModelRequestRateLimitSuccessCount");
        assertThatThrownBy(() -> ModelRequestRateLimits.normalize(
                SettingKey.MODEL_REQUEST_RATE_LIMIT_DURATION_MINUTES, "1.5"))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> ModelRequestRateLimits.normalize(SettingKey.MODEL_REQUEST_RATE_LIMIT_GROUP,
                "{\"vip\":[0,0]}")).hasMessageContaining("successCount ≥ 1");
        assertThatThrownBy(() -> ModelRequestRateLimits.normalize(SettingKey.MODEL_REQUEST_RATE_LIMIT_GROUP,
                "{\"vip\":[1.5,3]}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelRequestRateLimits.normalize(SettingKey.MODEL_REQUEST_RATE_LIMIT_ENABLED,
                "yes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRefusalSaysWhichLimitWithItsNumbers() {
        WindowLimit limit = new WindowLimit(120_000, 30, 10);
        assertThat(ModelRequestRateLimits.refusal(new RateLimitVerdict(RateLimitVerdict.Outcome.TOTAL_REACHED, 1),
                limit)).contains("at most 30 requests within 2 minute(s), failures included");
        assertThat(ModelRequestRateLimits.refusal(new RateLimitVerdict(RateLimitVerdict.Outcome.SUCCESS_REACHED, 1),
                limit)).contains("at most 10 requests within 2 minute(s)");
    }
}

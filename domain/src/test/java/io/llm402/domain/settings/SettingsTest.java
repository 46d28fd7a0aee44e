package io.llm402.domain.settings;

import io.llm402.domain.settings.api.ChangeSettingsCommand;
import io.llm402.domain.settings.api.SettingChangedEvent;
import io.llm402.domain.settings.api.SettingKey;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private final AggregateTestFixture<Settings> fixture = new AggregateTestFixture<>(Settings.class);

    @Test
    void onlyChangedValuesAreRecorded() {
        fixture.given(new SettingChangedEvent("global", SettingKey.PROMPT_CACHE_RATIO, "0.5"))
                .when(new ChangeSettingsCommand("global", Map.of(SettingKey.PROMPT_CACHE_RATIO, "0.5")))
                .expectNoEvents();
        fixture.given(new SettingChangedEvent("global", SettingKey.PROMPT_CACHE_RATIO, "0.5"))
                .when(new ChangeSettingsCommand("global", Map.of(SettingKey.PROMPT_CACHE_RATIO, "0.25")))
                .expectEvents(new SettingChangedEvent("global", SettingKey.PROMPT_CACHE_RATIO, "0.25"));
    }
}

package io.llm402.domain.settings.api;

import org.axonframework.serialization.Revision;

/** A global setting got a new value. */
@Revision("1")
public record SettingChangedEvent(String settingsId, SettingKey key, String value) {
}

package io.llm402.domain.settings.api;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the given global settings; values equal to the current ones append nothing. */
public record ChangeSettingsCommand(@TargetAggregateIdentifier String settingsId, Map<SettingKey, String> values) {

    /** There is one settings aggregate per installation. */
    public static final String GLOBAL = "settings:global";

    public ChangeSettingsCommand {
        values = Map.copyOf(values);
    }
}

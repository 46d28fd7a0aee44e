package io.llm402.domain.settings;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.settings.api.ChangeSettingsCommand;
import io.llm402.domain.settings.api.SettingChangedEvent;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.DefinitionOutcome;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

@Aggregate
class Settings {

    @AggregateIdentifier
    private @Nullable String settingsId;
    private final Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);

    Settings() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(ChangeSettingsCommand command) {
        boolean created = settingsId == null;
        boolean changed = false;
        // Sorted by key so the same command always appends events in the same order.
        for (SettingKey key : SettingKey.values()) {
            String value = command.values().get(key);
            if (value != null && !value.equals(values.get(key))) {
                apply(new SettingChangedEvent(command.settingsId(), key, value));
                changed = true;
            }
        }
        return changed ? DefinitionOutcome.of(created, true) : DefinitionOutcome.UNCHANGED;
    }

    @EventSourcingHandler
    void on(SettingChangedEvent event) {
        settingsId = event.settingsId();
        values.put(event.key(), event.value());
    }
}

package io.llm402.domain.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelConfigurationChangedEvent;
import io.llm402.domain.channel.api.ChannelDeletedEvent;
import io.llm402.domain.channel.api.ChannelDisabledEvent;
import io.llm402.domain.channel.api.ChannelEnabledEvent;
import io.llm402.domain.channel.api.ChannelKeyReplacedEvent;
import io.llm402.domain.channel.api.ChannelRegisteredEvent;
import io.llm402.domain.channel.api.DefineChannelCommand;
import io.llm402.domain.channel.api.DeleteChannelCommand;
import io.llm402.domain.channel.api.EditChannelCommand;
import io.llm402.domain.channel.api.SetChannelStatusCommand;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.domain.shared.NoSuchAggregateException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

@Aggregate
class Channel {

    @AggregateIdentifier
    private @Nullable String channelId;
    private @Nullable ChannelConfiguration configuration;
    private @Nullable String keyFingerprint;
    private boolean disabled;
    private boolean deleted;

    Channel() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(DefineChannelCommand command) {
        if (channelId == null) {
            apply(new ChannelRegisteredEvent(command.channelId(), command.configuration(), command.sealedKey(),
                    command.keyFingerprint()));
            return DefinitionOutcome.CREATED;
        }
        boolean changed = false;
        if (!command.configuration().equals(configuration)) {
            apply(new ChannelConfigurationChangedEvent(channelId, command.configuration()));
            changed = true;
        }
        // Sealing uses a random IV, so keys are compared by fingerprint, never by ciphertext.
        if (!command.keyFingerprint().equals(keyFingerprint)) {
            apply(new ChannelKeyReplacedEvent(channelId, command.sealedKey(), command.keyFingerprint()));
            changed = true;
        }
        return DefinitionOutcome.of(false, changed);
    }

    @CommandHandler
    DefinitionOutcome handle(EditChannelCommand command) {
        checkExists();
        boolean changed = false;
        if (!command.configuration().equals(configuration)) {
            apply(new ChannelConfigurationChangedEvent(command.channelId(), command.configuration()));
            changed = true;
        }
        if (command.sealedKey() != null && command.keyFingerprint() != null
                && !command.keyFingerprint().equals(keyFingerprint)) {
            apply(new ChannelKeyReplacedEvent(command.channelId(), command.sealedKey(), command.keyFingerprint()));
            changed = true;
        }
        return DefinitionOutcome.of(false, changed);
    }

    @CommandHandler
    DefinitionOutcome handle(SetChannelStatusCommand command) {
        checkExists();
        if (command.enabled() == !disabled) {
            return DefinitionOutcome.UNCHANGED;
        }
        apply(command.enabled() ? new ChannelEnabledEvent(command.channelId())
                : new ChannelDisabledEvent(command.channelId(), command.reason()));
        return DefinitionOutcome.CHANGED;
    }

    @CommandHandler
    void handle(DeleteChannelCommand command) {
        checkExists();
        apply(new ChannelDeletedEvent(command.channelId()));
    }

    private void checkExists() {
        if (channelId == null || deleted) {
            throw new NoSuchAggregateException("no such channel");
        }
    }

    @EventSourcingHandler
    void on(ChannelDisabledEvent event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(ChannelEnabledEvent event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(ChannelDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(ChannelRegisteredEvent event) {
        channelId = event.channelId();
        configuration = event.configuration();
        keyFingerprint = event.keyFingerprint();
    }

    @EventSourcingHandler
    void on(ChannelConfigurationChangedEvent event) {
        configuration = event.configuration();
    }

    @EventSourcingHandler
    void on(ChannelKeyReplacedEvent event) {
        keyFingerprint = event.keyFingerprint();
    }
}

package io.llm402.domain.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.channel.KeyRing.Status;
import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelConfigurationChangedEvent;
import io.llm402.domain.channel.api.ChannelDeletedEvent;
import io.llm402.domain.channel.api.ChannelDisabledEvent;
import io.llm402.domain.channel.api.ChannelEnabledEvent;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.ChannelKeyDisabledEvent;
import io.llm402.domain.channel.api.ChannelKeyEnabledEvent;
import io.llm402.domain.channel.api.ChannelKeyReplacedEvent;
import io.llm402.domain.channel.api.ChannelKeysAddedEvent;
import io.llm402.domain.channel.api.ChannelKeysRemovedEvent;
import io.llm402.domain.channel.api.ChannelRegisteredEvent;
import io.llm402.domain.channel.api.ChannelTestedEvent;
import io.llm402.domain.channel.api.DefineChannelCommand;
import io.llm402.domain.channel.api.DeleteChannelCommand;
import io.llm402.domain.channel.api.EditChannelCommand;
import io.llm402.domain.channel.api.RecordChannelTestCommand;
import io.llm402.domain.channel.api.RemoveChannelKeysCommand;
import io.llm402.domain.channel.api.SetChannelKeyStatusCommand;
import io.llm402.domain.channel.api.SetChannelStatusCommand;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.domain.shared.NoSuchAggregateException;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/**
 * An upstream channel: its configuration, its keys and whether it serves. A channel whose every key is disabled is
 * disabled too ("All keys are disabled", new-api's rule); what the gateway disabled by itself, a passing test or a
 * re-enabled key brings back, what an admin disabled only an admin does.
 */
@Aggregate
class Channel {

    static final String ALL_KEYS_DISABLED = "All keys are disabled";

    @AggregateIdentifier
    private @Nullable String channelId;
    private @Nullable ChannelConfiguration configuration;
    private final KeyRing keys = new KeyRing();
    private Status status = Status.ENABLED;
    /** Disabled only because no key was left: a key coming back brings the channel back. */
    private boolean allKeysWereTheReason;
    private boolean deleted;

    Channel() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(DefineChannelCommand command) {
        if (channelId == null) {
            apply(new ChannelRegisteredEvent(command.channelId(), command.configuration(), command.keys()));
            return DefinitionOutcome.CREATED;
        }
        boolean changed = changeConfiguration(command.configuration());
        // Sealing uses a random IV, so keys are compared by fingerprint, never by ciphertext.
        List<String> wanted = command.keys().stream().map(ChannelKey::fingerprint).toList();
        List<ChannelKey> added = keys.notYetHeld(command.keys());
        if (!added.isEmpty()) {
            apply(new ChannelKeysAddedEvent(channelId, added));
            changed = true;
        }
        List<String> dropped = keys.fingerprints().stream().filter(f -> !wanted.contains(f)).toList();
        if (!dropped.isEmpty()) {
            apply(new ChannelKeysRemovedEvent(channelId, dropped));
            changed = true;
        }
        return DefinitionOutcome.of(false, changed | settleStatus(true, ""));
    }

    @CommandHandler
    DefinitionOutcome handle(EditChannelCommand command) {
        checkExists();
        boolean changed = changeConfiguration(command.configuration());
        if (command.keys() != null && !command.keys().isEmpty()) {
            if (command.appendKeys()) {
                List<ChannelKey> added = keys.notYetHeld(command.keys());
                if (!added.isEmpty()) {
                    apply(new ChannelKeysAddedEvent(command.channelId(), added));
                    changed = true;
                }
            } else if (!sameKeys(command.keys())) {
                apply(new ChannelKeyReplacedEvent(command.channelId(), KeyRing.distinct(command.keys())));
                changed = true;
            }
        }
        return DefinitionOutcome.of(false, changed | settleStatus(false, ""));
    }

    @CommandHandler
    DefinitionOutcome handle(SetChannelStatusCommand command) {
        checkExists();
        if (command.enabled()) {
            if (status == Status.ENABLED || command.automatic() && status != Status.DISABLED_AUTOMATICALLY) {
                return DefinitionOutcome.UNCHANGED;
            }
            if (!keys.anyEnabled()) {
                // An admin bringing back a channel whose every key was off means its keys as well.
                for (String fingerprint : keys.toChange(List.of(), true, command.automatic())) {
                    apply(new ChannelKeyEnabledEvent(command.channelId(), fingerprint));
                }
            }
            apply(new ChannelEnabledEvent(command.channelId()));
            return DefinitionOutcome.CHANGED;
        }
        if (status != Status.ENABLED) {
            return DefinitionOutcome.UNCHANGED;
        }
        apply(new ChannelDisabledEvent(command.channelId(), command.reason(), command.automatic()));
        return DefinitionOutcome.CHANGED;
    }

    @CommandHandler
    DefinitionOutcome handle(SetChannelKeyStatusCommand command) {
        checkExists();
        List<String> changing = keys.toChange(command.fingerprints(), command.enabled(), command.automatic());
        for (String fingerprint : changing) {
            apply(command.enabled() ? new ChannelKeyEnabledEvent(command.channelId(), fingerprint)
                    : new ChannelKeyDisabledEvent(command.channelId(), fingerprint, command.reason(),
                    command.automatic()));
        }
        return DefinitionOutcome.of(false, !changing.isEmpty() | settleStatus(command.automatic(), command.reason()));
    }

    @CommandHandler
    DefinitionOutcome handle(RemoveChannelKeysCommand command) {
        checkExists();
        List<String> removing = keys.toRemove(command.fingerprints(), command.disabledOnly());
        if (!removing.isEmpty()) {
            apply(new ChannelKeysRemovedEvent(command.channelId(), removing));
        }
        return DefinitionOutcome.of(false, !removing.isEmpty() | settleStatus(false, ""));
    }

    @CommandHandler
    void handle(RecordChannelTestCommand command) {
        checkExists();
        apply(new ChannelTestedEvent(command.channelId(), command.model(), command.keyFingerprint(), command.passed(),
                command.responseTimeMs(), command.failure()));
        if (command.passed() && command.recover()) {
            if (keys.contains(command.keyFingerprint())
                    && keys.status(command.keyFingerprint()) == Status.DISABLED_AUTOMATICALLY) {
                apply(new ChannelKeyEnabledEvent(command.channelId(), command.keyFingerprint()));
            }
            if (status == Status.DISABLED_AUTOMATICALLY && keys.anyEnabled()) {
                apply(new ChannelEnabledEvent(command.channelId()));
            }
        }
    }

    @CommandHandler
    void handle(DeleteChannelCommand command) {
        checkExists();
        apply(new ChannelDeletedEvent(command.channelId()));
    }

    /**
     * Keeps the channel's status in line with its keys: disabled when none is enabled (automatically, unless an admin
     * took the last key out), enabled again when that was the only reason and a key is back.
     */
    private boolean settleStatus(boolean automatic, String lastReason) {
        if (status == Status.ENABLED && !keys.anyEnabled()) {
            apply(new ChannelDisabledEvent(channelId, lastReason.isBlank() ? ALL_KEYS_DISABLED
                    : ALL_KEYS_DISABLED + ": " + lastReason, automatic));
            return true;
        }
        if (status != Status.ENABLED && allKeysWereTheReason && keys.anyEnabled()) {
            apply(new ChannelEnabledEvent(channelId));
            return true;
        }
        return false;
    }

    private boolean changeConfiguration(ChannelConfiguration wanted) {
        if (wanted.equals(configuration)) {
            return false;
        }
        apply(new ChannelConfigurationChangedEvent(channelId, wanted));
        return true;
    }

    private boolean sameKeys(List<ChannelKey> wanted) {
        return KeyRing.distinct(wanted).stream().map(ChannelKey::fingerprint).toList()
                .equals(List.copyOf(keys.fingerprints()));
    }

    private void checkExists() {
        if (channelId == null || deleted) {
            throw new NoSuchAggregateException("no such channel");
        }
    }

    @EventSourcingHandler
    void on(ChannelRegisteredEvent event) {
        channelId = event.channelId();
        configuration = event.configuration();
        keys.replace(event.keys());
    }

    @EventSourcingHandler
    void on(ChannelConfigurationChangedEvent event) {
        configuration = event.configuration();
    }

    @EventSourcingHandler
    void on(ChannelKeyReplacedEvent event) {
        keys.replace(event.keys());
    }

    @EventSourcingHandler
    void on(ChannelKeysAddedEvent event) {
        keys.add(event.keys());
    }

    @EventSourcingHandler
    void on(ChannelKeysRemovedEvent event) {
        keys.remove(event.fingerprints());
    }

    @EventSourcingHandler
    void on(ChannelKeyDisabledEvent event) {
        keys.set(event.fingerprint(), event.automatic() ? Status.DISABLED_AUTOMATICALLY : Status.DISABLED_BY_ADMIN);
    }

    @EventSourcingHandler
    void on(ChannelKeyEnabledEvent event) {
        keys.set(event.fingerprint(), Status.ENABLED);
    }

    @EventSourcingHandler
    void on(ChannelDisabledEvent event) {
        status = event.automatic() ? Status.DISABLED_AUTOMATICALLY : Status.DISABLED_BY_ADMIN;
        allKeysWereTheReason = event.reason().startsWith(ALL_KEYS_DISABLED);
    }

    @EventSourcingHandler
    void on(ChannelEnabledEvent event) {
        status = Status.ENABLED;
        allKeysWereTheReason = false;
    }

    @EventSourcingHandler
    void on(ChannelDeletedEvent event) {
        deleted = true;
    }
}

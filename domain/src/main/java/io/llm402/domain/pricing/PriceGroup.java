package io.llm402.domain.pricing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.pricing.api.DefineGroupCommand;
import io.llm402.domain.pricing.api.GroupDefinedEvent;
import io.llm402.domain.pricing.api.GroupRatioChangedEvent;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.domain.shared.Ratio;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

@Aggregate
class PriceGroup {

    @AggregateIdentifier
    private @Nullable String groupId;
    private @Nullable Ratio ratio;

    PriceGroup() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(DefineGroupCommand command) {
        if (groupId == null) {
            apply(new GroupDefinedEvent(command.group(), command.ratio()));
            return DefinitionOutcome.CREATED;
        }
        if (command.ratio().equals(ratio)) {
            return DefinitionOutcome.UNCHANGED;
        }
        apply(new GroupRatioChangedEvent(command.group(), command.ratio()));
        return DefinitionOutcome.CHANGED;
    }

    @EventSourcingHandler
    void on(GroupDefinedEvent event) {
        groupId = NaturalIds.groupId(event.group());
        ratio = event.ratio();
    }

    @EventSourcingHandler
    void on(GroupRatioChangedEvent event) {
        ratio = event.ratio();
    }
}

package io.llm402.domain.pricing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.pricing.api.DefineModelPriceCommand;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.pricing.api.ModelPriceDefinedEvent;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.domain.shared.NaturalIds;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/** The price history of one model; each change is a new, numbered price version. */
@Aggregate
class ModelPricing {

    @AggregateIdentifier
    private @Nullable String modelPricingId;
    private int priceVersion;
    private @Nullable ModelPrice price;

    ModelPricing() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(DefineModelPriceCommand command) {
        if (command.price().equals(price)) {
            return DefinitionOutcome.UNCHANGED;
        }
        boolean created = modelPricingId == null;
        apply(new ModelPriceDefinedEvent(command.model(), priceVersion + 1, command.price()));
        return DefinitionOutcome.of(created, true);
    }

    @EventSourcingHandler
    void on(ModelPriceDefinedEvent event) {
        modelPricingId = NaturalIds.modelPricingId(event.model());
        priceVersion = event.priceVersion();
        price = event.price();
    }
}

package io.llm402.domain.pricing.api;

import io.llm402.domain.shared.NaturalIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a model's price; a different price starts a new price version, an equal one appends nothing. */
public record DefineModelPriceCommand(String model, ModelPrice price) {

    @TargetAggregateIdentifier
    public String modelPricingId() {
        return NaturalIds.modelPricingId(model);
    }
}

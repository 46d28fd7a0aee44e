package io.llm402.domain.pricing.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a model's price; a different price starts a new price version, an equal one appends nothing. */
public record DefineModelPriceCommand(@TargetAggregateIdentifier String model, ModelPrice price) {
}

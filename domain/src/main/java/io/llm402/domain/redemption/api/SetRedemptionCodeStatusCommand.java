package io.llm402.domain.redemption.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enables or disables an unused code. */
public record SetRedemptionCodeStatusCommand(@TargetAggregateIdentifier String codeId, boolean enabled) {
}

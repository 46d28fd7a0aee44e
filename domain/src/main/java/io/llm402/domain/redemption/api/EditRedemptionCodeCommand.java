package io.llm402.domain.redemption.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes an unused code's name, amount or expiry; equal terms append nothing. */
public record EditRedemptionCodeCommand(@TargetAggregateIdentifier String codeId, RedemptionTerms terms) {
}

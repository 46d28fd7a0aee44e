package io.llm402.domain.redemption.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a code; a used one stays in the ledger's history. */
public record DeleteRedemptionCodeCommand(@TargetAggregateIdentifier String codeId) {
}

package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enables or disables a user; a disabled user's keys are refused (403). The same status again appends nothing. */
public record SetUserStatusCommand(@TargetAggregateIdentifier String userId, boolean enabled) {
}

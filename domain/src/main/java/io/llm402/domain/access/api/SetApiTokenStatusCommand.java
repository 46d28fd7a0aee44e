package io.llm402.domain.access.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enables or disables an API token; a disabled token is refused (401). The same status again appends nothing. */
public record SetApiTokenStatusCommand(@TargetAggregateIdentifier String tokenId, boolean enabled) {
}

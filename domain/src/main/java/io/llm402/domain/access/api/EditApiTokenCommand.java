package io.llm402.domain.access.api;

import io.llm402.domain.account.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a token's terms; only its owner may. Equal terms append nothing. */
public record EditApiTokenCommand(@TargetAggregateIdentifier String tokenId, ApiTokenTerms terms, Actor actor) {
}

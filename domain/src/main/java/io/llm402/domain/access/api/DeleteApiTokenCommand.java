package io.llm402.domain.access.api;

import io.llm402.domain.account.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a token for good; only its owner may. */
public record DeleteApiTokenCommand(@TargetAggregateIdentifier String tokenId, Actor actor) {
}

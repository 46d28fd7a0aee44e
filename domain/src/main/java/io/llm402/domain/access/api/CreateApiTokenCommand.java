package io.llm402.domain.access.api;

import io.llm402.domain.account.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issues a new API token to its owner (the actor: new-api's tokens are always the caller's own).
 *
 * @param keyDigest HMAC digest of the key; the key itself never enters the domain
 */
public record CreateApiTokenCommand(@TargetAggregateIdentifier String tokenId, ApiTokenTerms terms, String keyDigest,
                                    String keyHint, Actor actor) {
}

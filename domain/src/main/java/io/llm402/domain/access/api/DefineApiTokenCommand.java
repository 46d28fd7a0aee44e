package io.llm402.domain.access.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issues the token or brings it to the given terms; appends nothing when it already matches.
 *
 * @param keyDigest     HMAC digest of the key (the key itself never enters the domain)
 * @param keyGenerated  {@code true} when the caller made the key up because none was configured: it is used only
 *                      when the token is new, so an existing token keeps its key
 */
public record DefineApiTokenCommand(@TargetAggregateIdentifier String tokenId, String userId, ApiTokenTerms terms,
                                    String keyDigest, String keyHint, boolean keyGenerated) {
}

package io.llm402.domain.access.api;

import org.axonframework.serialization.Revision;

/** An API token was issued to a user; the key is known only by its digest and a short hint. */
@Revision("2")
public record ApiTokenIssuedEvent(String tokenId, String userId, ApiTokenTerms terms, String keyDigest,
                                  String keyHint) {
}

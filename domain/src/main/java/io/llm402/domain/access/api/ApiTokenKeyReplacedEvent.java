package io.llm402.domain.access.api;

import org.axonframework.serialization.Revision;

/** A token's key was replaced; the old key stops working. */
@Revision("1")
public record ApiTokenKeyReplacedEvent(String tokenId, String keyDigest, String keyHint) {
}

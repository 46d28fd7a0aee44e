package io.llm402.domain.access.api;

import org.axonframework.serialization.Revision;

/** A token's name, group, model allow-list, limit or expiry changed; carries the whole new terms. */
@Revision("2")
public record ApiTokenTermsChangedEvent(String tokenId, ApiTokenTerms terms) {
}

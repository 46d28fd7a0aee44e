package io.llm402.domain.access.api;

import org.axonframework.serialization.Revision;

/** An API token was deleted: its key is refused from now on. */
@Revision("1")
public record ApiTokenDeletedEvent(String tokenId) {
}

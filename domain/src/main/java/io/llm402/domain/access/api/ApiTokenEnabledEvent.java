package io.llm402.domain.access.api;

import org.axonframework.serialization.Revision;

/** A disabled API token was enabled again. */
@Revision("1")
public record ApiTokenEnabledEvent(String tokenId) {
}

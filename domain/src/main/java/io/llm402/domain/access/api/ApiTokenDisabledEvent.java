package io.llm402.domain.access.api;

import org.axonframework.serialization.Revision;

/** An API token was disabled; requests with it are refused until it is enabled again. */
@Revision("1")
public record ApiTokenDisabledEvent(String tokenId) {
}

package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** The user got a new management access token (known only by its digest); the previous one stopped working. */
@Revision("1")
public record AccessTokenIssuedEvent(String userId, String tokenDigest) {
}

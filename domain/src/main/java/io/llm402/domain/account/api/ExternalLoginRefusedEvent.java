package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** The provider vouched for the identity but LLM402 refused the login, for {@code reason}. */
@Revision("1")
public record ExternalLoginRefusedEvent(String identityId, ExternalIdentityKey key, String reason) {
}

package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** Someone logged in as {@code userId} through the provider (a second factor may still be asked). */
@Revision("1")
public record ExternalLoginSucceededEvent(String identityId, ExternalIdentityKey key, String userId) {
}

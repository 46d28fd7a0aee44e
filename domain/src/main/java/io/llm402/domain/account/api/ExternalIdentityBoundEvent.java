package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** An external identity now logs in as {@code userId}. */
@Revision("1")
public record ExternalIdentityBoundEvent(String identityId, ExternalIdentityKey key, String userId, String display) {
}

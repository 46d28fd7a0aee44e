package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** The identity no longer logs in as {@code userId}; {@code byUserId} says who unbound it (the user or an admin). */
@Revision("1")
public record ExternalIdentityUnboundEvent(String identityId, ExternalIdentityKey key, String userId,
                                           String byUserId) {
}

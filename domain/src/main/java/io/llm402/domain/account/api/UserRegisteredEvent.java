package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** A user account came into existence. */
@Revision("1")
public record UserRegisteredEvent(String userId, UserProfile profile) {
}

package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** A user's name, role or group changed; carries the whole new profile. */
@Revision("1")
public record UserProfileChangedEvent(String userId, UserProfile profile) {
}

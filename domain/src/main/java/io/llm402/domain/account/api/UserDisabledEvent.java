package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** A user was disabled: no login, and none of the user's API keys is served. */
@Revision("1")
public record UserDisabledEvent(String userId) {
}

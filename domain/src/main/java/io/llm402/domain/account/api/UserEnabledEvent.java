package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** A disabled user was enabled again. */
@Revision("1")
public record UserEnabledEvent(String userId) {
}

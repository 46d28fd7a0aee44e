package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** A wrong second-factor code; the count of failures in a row. */
@Revision("1")
public record TwoFactorFailedEvent(String userId, int failures) {
}

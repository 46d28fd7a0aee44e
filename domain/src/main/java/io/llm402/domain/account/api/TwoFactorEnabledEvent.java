package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** The second factor is in force, enabled with the code of this time step. */
@Revision("1")
public record TwoFactorEnabledEvent(String userId, long step) {
}

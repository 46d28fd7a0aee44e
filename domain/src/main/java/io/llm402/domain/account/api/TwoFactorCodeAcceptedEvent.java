package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** A TOTP code of this time step was accepted: no code of this or an earlier step is accepted again. */
@Revision("1")
public record TwoFactorCodeAcceptedEvent(String userId, long step) {
}

package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** The second factor was turned off, by its user or reset by an admin; the secret and backup codes are gone. */
@Revision("1")
public record TwoFactorDisabledEvent(String userId) {
}

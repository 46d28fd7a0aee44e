package io.llm402.domain.account.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Too many wrong codes in a row: every code is refused until then. */
@Revision("1")
public record TwoFactorLockedEvent(String userId, Instant lockedUntil) {
}

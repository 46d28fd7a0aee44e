package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/**
 * A user was deleted: they can no longer log in or use their keys. Their ledger history stays; the username stays
 * taken, since the user's id derives from it.
 */
@Revision("1")
public record UserDeletedEvent(String userId) {
}

package io.llm402.domain.ledger.api;

import org.axonframework.serialization.Revision;

/** A user's wallet was opened, empty. */
@Revision("1")
public record WalletOpenedEvent(String walletId, String userId) {
}

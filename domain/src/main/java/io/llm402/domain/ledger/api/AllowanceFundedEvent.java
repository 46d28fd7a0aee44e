package io.llm402.domain.ledger.api;

import org.axonframework.serialization.Revision;

/**
 * A wallet moved a tranche into a new allowance owned by one node: debit the wallet, credit the allowance account.
 * The allowance's own stream (reservations and charges) starts after this.
 */
@Revision("1")
public record AllowanceFundedEvent(String walletId, String userId, String allowanceId, String tokenId, String ownerNode,
                                   String transferId, String debitAccount, String creditAccount, long amountNanoUsd,
                                   TransferCode code) implements LedgerEntry {
}

package io.llm402.domain.ledger.api;

import org.axonframework.serialization.Revision;

/** A closed allowance's unspent remainder went back to its wallet (possibly zero). */
@Revision("1")
public record AllowanceReturnedEvent(String walletId, String allowanceId, String tokenId, String transferId,
                                     String debitAccount, String creditAccount, long amountNanoUsd,
                                     TransferCode code) implements LedgerEntry {
}

package io.llm402.domain.ledger.api;

import org.axonframework.serialization.Revision;

/** Money left a wallet. */
@Revision("1")
public record FundsWithdrawnEvent(String walletId, String transferId, String debitAccount, String creditAccount,
                                  long amountNanoUsd, TransferCode code) implements LedgerEntry {
}

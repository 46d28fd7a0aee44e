package io.llm402.domain.ledger.api;

import io.llm402.domain.metering.api.Charge;
import org.axonframework.serialization.Revision;

/**
 * A request completed and its actual cost was charged: debit the allowance, credit revenue. The reservation is
 * released. {@code uncoveredNanoUsd} is the part of an overrun (actual above reserved) that the allowance could not
 * cover and that was therefore not charged (logged as an operator loss).
 *
 * <p>Revision 2: the charge's usage gained 1-hour cache writes and search units, and the charge their ratio. A
 * revision-1 payload reads as zeros for all three, which is what it meant.
 */
@Revision("2")
public record UsagePostedEvent(String allowanceId, String requestId, String transferId, String debitAccount,
                               String creditAccount, long amountNanoUsd, TransferCode code, long reservedNanoUsd,
                               long uncoveredNanoUsd, Charge charge) implements LedgerEntry {
}

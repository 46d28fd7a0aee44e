package io.llm402.domain.ledger.api;

import io.llm402.domain.shared.NaturalIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A settled payment becomes balance: debit the payment clearing account, credit the user's wallet (opened if it is the
 * payer's first). The transfer id is the payment's id, so a repeated command deposits nothing.
 */
public record DepositPaymentCommand(String userId, String transferId, long amountNanoUsd, TransferCode code) {

    public DepositPaymentCommand {
        if (amountNanoUsd <= 0) {
            throw new IllegalArgumentException("a payment deposits a positive amount");
        }
        if (code != TransferCode.X402_PAYMENT && code != TransferCode.X402_TOP_UP) {
            throw new IllegalArgumentException("not a payment: " + code);
        }
    }

    @TargetAggregateIdentifier
    public String walletId() {
        return NaturalIds.walletId(userId);
    }
}

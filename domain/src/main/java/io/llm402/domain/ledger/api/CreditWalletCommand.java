package io.llm402.domain.ledger.api;

import io.llm402.domain.shared.NaturalIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Credits a user's wallet from an operator account: a redeemed code ({@code REDEMPTION}), an admin's correction
 * ({@code ADJUSTMENT}) or the balance an imported user brought along ({@code IMPORTED_BALANCE}). The transfer id is the idempotency key: a repeated command credits nothing.
 */
public record CreditWalletCommand(String userId, String transferId, long amountNanoUsd, TransferCode code) {

    public CreditWalletCommand {
        if (amountNanoUsd <= 0) {
            throw new IllegalArgumentException("a credit is a positive amount");
        }
        if (code != TransferCode.REDEMPTION && code != TransferCode.ADJUSTMENT
                && code != TransferCode.IMPORTED_BALANCE) {
            throw new IllegalArgumentException("not a wallet credit: " + code);
        }
    }

    @TargetAggregateIdentifier
    public String walletId() {
        return NaturalIds.walletId(userId);
    }
}

package io.llm402.domain.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A settled x402 payment deposited and the paid request's allowance funded from it, in one wallet command: no other
 * node can fund a tranche from the payment in between (the wallet appends both in one transaction). When the funding
 * is refused the deposit stands as the payer's credit. Answered with a {@link FundingOutcome}.
 */
public record DepositAndFundAllowanceCommand(DepositPaymentCommand deposit, FundAllowanceCommand funding) {

    public DepositAndFundAllowanceCommand {
        if (!deposit.userId().equals(funding.userId())) {
            throw new IllegalArgumentException("a payment funds an allowance of its own payer only");
        }
    }

    @TargetAggregateIdentifier
    public String walletId() {
        return funding.walletId();
    }
}

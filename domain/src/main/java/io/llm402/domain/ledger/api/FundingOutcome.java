package io.llm402.domain.ledger.api;

/**
 * The answer to a {@link FundAllowanceCommand}: funded, or refused with what is short. A value returned by the
 * command handler, so it reads the same whether the wallet lives on this node or another.
 */
public sealed interface FundingOutcome {

    record Funded(long amountNanoUsd) implements FundingOutcome {
    }

    record Refused(Shortfall shortfall, long availableNanoUsd) implements FundingOutcome {
    }
}

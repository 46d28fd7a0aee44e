package io.llm402.domain.ledger;

import io.llm402.domain.ledger.api.AllowanceFundedEvent;
import io.llm402.domain.ledger.api.AllowanceReturnedEvent;
import io.llm402.domain.ledger.api.FundAllowanceCommand;
import io.llm402.domain.ledger.api.FundingOutcome;
import io.llm402.domain.ledger.api.FundsDepositedEvent;
import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.ReturnAllowanceCommand;
import io.llm402.domain.ledger.api.Shortfall;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.ledger.api.WalletOpenedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class WalletAllowanceTest {

    private static final String WALLET = LedgerAccounts.wallet("u-1");
    private static final long TEN_USD = 10_000_000_000L;
    private static final WalletOpenedEvent OPENED = new WalletOpenedEvent(WALLET, "u-1");
    private static final FundsDepositedEvent TEN = new FundsDepositedEvent(WALLET, "tr-0",
            LedgerAccounts.PROMO_ISSUANCE, WALLET, TEN_USD, TransferCode.GRANT);
    private static final AllowanceFundedEvent FUNDED = new AllowanceFundedEvent(WALLET, "u-1", "a-1", "t-1", "node-a",
            "tr-1", WALLET, LedgerAccounts.allowance("a-1"), 1_000_000_000L, TransferCode.ALLOWANCE_FUNDING);

    private final AggregateTestFixture<Wallet> fixture = new AggregateTestFixture<>(Wallet.class);

    @Test
    void aTrancheMovesFromTheWalletIntoAnAllowance() {
        fixture.given(OPENED, TEN)
                .when(new FundAllowanceCommand("u-1", "a-1", "t-1", "node-a", 1_000_000_000L, null, "tr-1"))
                .expectEvents(FUNDED);
    }

    @Test
    void inAClusterANodeTakesOnlyItsShareOfASmallBalance() {
        // $10 among three nodes (a share of 6): $1.666… instead of the $5 tranche asked for.
        fixture.given(OPENED, TEN)
                .when(new FundAllowanceCommand("u-1", "a-3", "t-1", "node-a", 5_000_000_000L, null, "tr-3",
                        10_000_000L, 6))
                .expectEvents(new AllowanceFundedEvent(WALLET, "u-1", "a-3", "t-1", "node-a", "tr-3", WALLET,
                        LedgerAccounts.allowance("a-3"), 1_666_666_666L, TransferCode.ALLOWANCE_FUNDING))
                .expectResultMessagePayload(new FundingOutcome.Funded(1_666_666_666L));
    }

    @Test
    void aShareNeverFundsLessThanTheRequestNeeds() {
        fixture.given(OPENED, TEN)
                .when(new FundAllowanceCommand("u-1", "a-4", "t-1", "node-a", 5_000_000_000L, null, "tr-4",
                        3_000_000_000L, 6))
                .expectResultMessagePayload(new FundingOutcome.Funded(3_000_000_000L));
    }

    @Test
    void fundingTheSameAllowanceTwiceMovesMoneyOnce() {
        fixture.given(OPENED, TEN, FUNDED)
                .when(new FundAllowanceCommand("u-1", "a-1", "t-1", "node-a", 1_000_000_000L, null, "tr-9"))
                .expectNoEvents();
    }

    @Test
    void aWalletCannotFundMoreThanItHolds() {
        fixture.given(OPENED, TEN)
                .when(new FundAllowanceCommand("u-1", "a-1", "t-1", "node-a", TEN_USD + 1, null, "tr-1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new FundingOutcome.Refused(Shortfall.BALANCE, TEN_USD))
                .expectNoEvents();
    }

    @Test
    void aTokenCannotCommitMoreThanItsLimit() {
        fixture.given(OPENED, TEN, FUNDED)
                .when(new FundAllowanceCommand("u-1", "a-2", "t-1", "node-a", 600_000_000L, 1_500_000_000L, "tr-2"))
                .expectResultMessagePayload(new FundingOutcome.Refused(Shortfall.TOKEN_LIMIT, 500_000_000L))
                .expectNoEvents();
    }

    @Test
    void theRemainderComesBackOnceAndFreesTheTokensLimit() {
        fixture.given(OPENED, TEN, FUNDED)
                .when(new ReturnAllowanceCommand("u-1", "a-1", 400_000_000L, "tr-2"))
                .expectEvents(new AllowanceReturnedEvent(WALLET, "a-1", "t-1", "tr-2", LedgerAccounts.allowance("a-1"),
                        WALLET, 400_000_000L, TransferCode.ALLOWANCE_RETURN));
        AllowanceReturnedEvent returned = new AllowanceReturnedEvent(WALLET, "a-1", "t-1", "tr-2",
                LedgerAccounts.allowance("a-1"), WALLET, 400_000_000L, TransferCode.ALLOWANCE_RETURN);
        fixture.given(OPENED, TEN, FUNDED, returned)
                .when(new ReturnAllowanceCommand("u-1", "a-1", 400_000_000L, "tr-3"))
                .expectNoEvents();
        // 0.60 spent of a 1.50 limit: 0.90 may still be committed.
        fixture.given(OPENED, TEN, FUNDED, returned)
                .when(new FundAllowanceCommand("u-1", "a-2", "t-1", "node-a", 900_000_000L, 1_500_000_000L, "tr-4"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aUserWithoutAWalletIsRefusedAndNoWalletIsMade() {
        fixture.givenNoPriorActivity()
                .when(new FundAllowanceCommand("u-1", "a-1", "t-1", "node-a", 1_000L, null, "tr-1"))
                .expectResultMessagePayload(new FundingOutcome.Refused(Shortfall.BALANCE, 0))
                .expectNoEvents();
    }
}

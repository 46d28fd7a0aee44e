package io.llm402.domain.ledger;

import io.llm402.domain.ledger.api.AllowanceFundedEvent;
import io.llm402.domain.ledger.api.CreditWalletCommand;
import io.llm402.domain.ledger.api.DebitWalletCommand;
import io.llm402.domain.ledger.api.DepositAndFundAllowanceCommand;
import io.llm402.domain.ledger.api.DepositPaymentCommand;
import io.llm402.domain.ledger.api.FundAllowanceCommand;
import io.llm402.domain.ledger.api.FundingOutcome;
import io.llm402.domain.ledger.api.FundsDepositedEvent;
import io.llm402.domain.ledger.api.FundsWithdrawnEvent;
import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.SetGrantedBalanceCommand;
import io.llm402.domain.ledger.api.Shortfall;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.ledger.api.WalletOpenedEvent;
import io.llm402.domain.shared.DefinitionOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class WalletTest {

    private static final String WALLET = LedgerAccounts.wallet("u-1");
    private static final long TEN_USD = 10_000_000_000L;

    private final AggregateTestFixture<Wallet> fixture = new AggregateTestFixture<>(Wallet.class);

    @Test
    void theFirstGrantOpensTheWalletAndDepositsIt() {
        fixture.givenNoPriorActivity()
                .when(new SetGrantedBalanceCommand("u-1", TEN_USD, "tr-1"))
                .expectEvents(new WalletOpenedEvent(WALLET, "u-1"),
                        new FundsDepositedEvent(WALLET, "tr-1", LedgerAccounts.PROMO_ISSUANCE, WALLET, TEN_USD,
                                TransferCode.GRANT))
                .expectResultMessagePayload(DefinitionOutcome.CREATED);
    }

    @Test
    void theSameGrantAgainMovesNothing() {
        fixture.given(new WalletOpenedEvent(WALLET, "u-1"),
                        new FundsDepositedEvent(WALLET, "tr-1", LedgerAccounts.PROMO_ISSUANCE, WALLET, TEN_USD,
                                TransferCode.GRANT))
                .when(new SetGrantedBalanceCommand("u-1", TEN_USD, "tr-2"))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
    }

    @Test
    void aRaisedGrantDepositsTheDifference() {
        fixture.given(new WalletOpenedEvent(WALLET, "u-1"),
                        new FundsDepositedEvent(WALLET, "tr-1", LedgerAccounts.PROMO_ISSUANCE, WALLET, TEN_USD,
                                TransferCode.GRANT))
                .when(new SetGrantedBalanceCommand("u-1", 12_500_000_000L, "tr-2"))
                .expectEvents(new FundsDepositedEvent(WALLET, "tr-2", LedgerAccounts.PROMO_ISSUANCE, WALLET,
                        2_500_000_000L, TransferCode.GRANT));
    }

    @Test
    void aLoweredGrantWithdrawsTheDifference() {
        fixture.given(new WalletOpenedEvent(WALLET, "u-1"),
                        new FundsDepositedEvent(WALLET, "tr-1", LedgerAccounts.PROMO_ISSUANCE, WALLET, TEN_USD,
                                TransferCode.GRANT))
                .when(new SetGrantedBalanceCommand("u-1", 4_000_000_000L, "tr-2"))
                .expectEvents(new FundsWithdrawnEvent(WALLET, "tr-2", WALLET, LedgerAccounts.PROMO_ISSUANCE,
                        6_000_000_000L, TransferCode.GRANT_REVERSAL));
    }

    @Test
    void aLoweredGrantNeverWithdrawsMoreThanTheWalletHolds() {
        org.assertj.core.api.Assertions.assertThat(GrantAdjustment.between(TEN_USD, 0, 3))
                .isEqualTo(new GrantAdjustment(0, 3));
    }

    @Test
    void aSettledPaymentOpensThePayersWalletAndIsDepositedOnce() {
        String payer = "x402:0xabc";
        String wallet = LedgerAccounts.wallet(payer);
        fixture.givenNoPriorActivity()
                .when(new DepositPaymentCommand(payer, "x402-pay-1", 100_000_000L, TransferCode.X402_PAYMENT))
                .expectEvents(new WalletOpenedEvent(wallet, payer),
                        new FundsDepositedEvent(wallet, "x402-pay-1", LedgerAccounts.X402_CLEARING, wallet,
                                100_000_000L, TransferCode.X402_PAYMENT));
        fixture.given(new WalletOpenedEvent(wallet, payer),
                        new FundsDepositedEvent(wallet, "x402-pay-1", LedgerAccounts.X402_CLEARING, wallet,
                                100_000_000L, TransferCode.X402_PAYMENT))
                .when(new DepositPaymentCommand(payer, "x402-pay-1", 100_000_000L, TransferCode.X402_PAYMENT))
                .expectNoEvents();
    }

    @Test
    void aPaymentAndTheAllowanceItFundsAreOneCommandSoNoOtherNodeFundsFromItInBetween() {
        String payer = "x402:0xdef";
        String wallet = LedgerAccounts.wallet(payer);
        DepositPaymentCommand deposit = new DepositPaymentCommand(payer, "x402-pay-3", 100_000_000L,
                TransferCode.X402_PAYMENT);
        fixture.givenNoPriorActivity()
                .when(new DepositAndFundAllowanceCommand(deposit, new FundAllowanceCommand(payer, "a-9", payer,
                        "node-a", 80_000_000L, null, "tr-9")))
                .expectEvents(new WalletOpenedEvent(wallet, payer),
                        new FundsDepositedEvent(wallet, "x402-pay-3", LedgerAccounts.X402_CLEARING, wallet,
                                100_000_000L, TransferCode.X402_PAYMENT),
                        new AllowanceFundedEvent(wallet, payer, "a-9", payer, "node-a", "tr-9", wallet,
                                LedgerAccounts.allowance("a-9"), 80_000_000L, TransferCode.ALLOWANCE_FUNDING))
                .expectResultMessagePayload(new FundingOutcome.Funded(80_000_000L));
    }

    @Test
    void aPaymentTooSmallForTheFundingStaysAsCredit() {
        String payer = "x402:0xdef";
        String wallet = LedgerAccounts.wallet(payer);
        DepositPaymentCommand deposit = new DepositPaymentCommand(payer, "x402-pay-4", 10_000_000L,
                TransferCode.X402_PAYMENT);
        fixture.givenNoPriorActivity()
                .when(new DepositAndFundAllowanceCommand(deposit, new FundAllowanceCommand(payer, "a-10", payer,
                        "node-a", 80_000_000L, null, "tr-10")))
                .expectEvents(new WalletOpenedEvent(wallet, payer),
                        new FundsDepositedEvent(wallet, "x402-pay-4", LedgerAccounts.X402_CLEARING, wallet,
                                10_000_000L, TransferCode.X402_PAYMENT))
                .expectResultMessagePayload(new FundingOutcome.Refused(Shortfall.BALANCE, 10_000_000L));
    }

    @Test
    void aTopUpIsDepositedIntoAnExistingWallet() {
        fixture.given(new WalletOpenedEvent(WALLET, "u-1"))
                .when(new DepositPaymentCommand("u-1", "x402-pay-2", TEN_USD, TransferCode.X402_TOP_UP))
                .expectEvents(new FundsDepositedEvent(WALLET, "x402-pay-2", LedgerAccounts.X402_CLEARING, WALLET,
                        TEN_USD, TransferCode.X402_TOP_UP));
    }

    @Test
    void aRedemptionIsCreditedFromTheRedemptionsAccountOnce() {
        FundsDepositedEvent credited = new FundsDepositedEvent(WALLET, "redemption:r-1", LedgerAccounts.REDEMPTIONS,
                WALLET, TEN_USD, TransferCode.REDEMPTION);
        fixture.given(new WalletOpenedEvent(WALLET, "u-1"))
                .when(new CreditWalletCommand("u-1", "redemption:r-1", TEN_USD, TransferCode.REDEMPTION))
                .expectEvents(credited);
        fixture.given(new WalletOpenedEvent(WALLET, "u-1"), credited)
                .when(new CreditWalletCommand("u-1", "redemption:r-1", TEN_USD, TransferCode.REDEMPTION))
                .expectNoEvents();
    }

    @Test
    void anImportedBalanceOpensTheWalletFromTheImportedBalancesAccountOnce() {
        FundsDepositedEvent opened = new FundsDepositedEvent(WALLET, "new-api-balance:7",
                LedgerAccounts.IMPORTED_BALANCES, WALLET, TEN_USD, TransferCode.IMPORTED_BALANCE);
        fixture.givenNoPriorActivity()
                .when(new CreditWalletCommand("u-1", "new-api-balance:7", TEN_USD, TransferCode.IMPORTED_BALANCE))
                .expectEvents(new WalletOpenedEvent(WALLET, "u-1"), opened)
                .expectResultMessagePayload(DefinitionOutcome.CREATED);
        fixture.given(new WalletOpenedEvent(WALLET, "u-1"), opened)
                .when(new CreditWalletCommand("u-1", "new-api-balance:7", TEN_USD, TransferCode.IMPORTED_BALANCE))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
    }

    @Test
    void anAdjustmentDownNeverTakesTheWalletBelowZero() {
        FundsDepositedEvent funded = new FundsDepositedEvent(WALLET, "tr-1", LedgerAccounts.PROMO_ISSUANCE, WALLET,
                TEN_USD, TransferCode.GRANT);
        fixture.given(new WalletOpenedEvent(WALLET, "u-1"), funded)
                .when(new DebitWalletCommand("u-1", "adj-1", TEN_USD + 1))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(new WalletOpenedEvent(WALLET, "u-1"), funded)
                .when(new DebitWalletCommand("u-1", "adj-1", TEN_USD))
                .expectEvents(new FundsWithdrawnEvent(WALLET, "adj-1", WALLET, LedgerAccounts.ADJUSTMENTS, TEN_USD,
                        TransferCode.ADJUSTMENT))
                .expectResultMessagePayload(true);
    }
}

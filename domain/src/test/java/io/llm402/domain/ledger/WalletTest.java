package io.llm402.domain.ledger;

import io.llm402.domain.ledger.api.FundsDepositedEvent;
import io.llm402.domain.ledger.api.FundsWithdrawnEvent;
import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.SetGrantedBalanceCommand;
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
}

package io.llm402.projections.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.ledger.api.FundsDepositedEvent;
import io.llm402.domain.ledger.api.FundsWithdrawnEvent;
import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.projections.ledger.api.FindTrialBalanceQuery;
import io.llm402.projections.ledger.api.FindWalletBalanceQuery;
import io.llm402.projections.ledger.api.TrialBalanceView;
import io.llm402.projections.ledger.api.WalletBalanceView;
import io.llm402.projections.support.ReadModelDatabase;
import java.nio.file.Path;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerBookProjectionTest {

    private static final String WALLET = LedgerAccounts.wallet("u-1");

    @TempDir
    Path dir;
    private LedgerBookProjection projection;

    @BeforeEach
    void setUp() {
        projection = new LedgerBookProjection(ReadModelDatabase.migratedOperations(dir));
    }

    @Test
    void aRedeliveredTransferIsBookedOnce() {
        FundsDepositedEvent deposit = new FundsDepositedEvent("u-1", "tr-1", LedgerAccounts.PROMO_ISSUANCE, WALLET,
                10_000_000_000L, TransferCode.GRANT);
        projection.on(deposit);
        projection.on(deposit);

        assertThat(projection.handle(new FindWalletBalanceQuery("u-1")))
                .isEqualTo(new WalletBalanceView("u-1", 10_000_000_000L));
    }

    @Test
    void debitsEqualCreditsAfterAnyMovements() {
        projection.on(new FundsDepositedEvent("u-1", "tr-1", LedgerAccounts.PROMO_ISSUANCE, WALLET, 10_000_000_000L,
                TransferCode.GRANT));
        projection.on(new FundsWithdrawnEvent("u-1", "tr-2", WALLET, LedgerAccounts.PROMO_ISSUANCE, 4_000_000_000L,
                TransferCode.GRANT_REVERSAL));

        assertThat(projection.handle(new FindWalletBalanceQuery("u-1")).balanceNanoUsd()).isEqualTo(6_000_000_000L);
        TrialBalanceView trial = projection.handle(new FindTrialBalanceQuery());
        assertThat(trial.balanced()).isTrue();
        assertThat(trial.debitsNanoUsd()).isEqualTo(14_000_000_000L);
        assertThat(trial.transfers()).isEqualTo(2);
    }

    @Test
    void aProcessorBatchBooksEachTransferOnceAndSumsEachAccount() {
        FundsDepositedEvent deposit = new FundsDepositedEvent("u-1", "tr-1", LedgerAccounts.PROMO_ISSUANCE, WALLET,
                10_000_000_000L, TransferCode.GRANT);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(deposit);
        projection.on(deposit);
        projection.on(new FundsWithdrawnEvent("u-1", "tr-2", WALLET, LedgerAccounts.PROMO_ISSUANCE, 4_000_000_000L,
                TransferCode.GRANT_REVERSAL));
        assertThat(projection.handle(new FindTrialBalanceQuery()).transfers()).isZero();

        batch.commit();
        UnitOfWork<?> redelivery = DefaultUnitOfWork.startAndGet(null);
        projection.on(deposit);
        redelivery.commit();

        assertThat(projection.handle(new FindWalletBalanceQuery("u-1")).balanceNanoUsd()).isEqualTo(6_000_000_000L);
        TrialBalanceView trial = projection.handle(new FindTrialBalanceQuery());
        assertThat(trial.balanced()).isTrue();
        assertThat(trial.debitsNanoUsd()).isEqualTo(14_000_000_000L);
        assertThat(trial.transfers()).isEqualTo(2);
    }

    @Test
    void aUserWithoutAWalletHasNothing() {
        assertThat(projection.handle(new FindWalletBalanceQuery("nobody")).balanceNanoUsd()).isZero();
    }
}

package io.llm402.projections.ledger;

import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.LedgerEntry;
import io.llm402.projections.ledger.api.FindTrialBalanceQuery;
import io.llm402.projections.ledger.api.FindWalletBalanceQuery;
import io.llm402.projections.ledger.api.TrialBalanceView;
import io.llm402.projections.ledger.api.WalletBalanceView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ledger book: every posted transfer once (keyed by its transfer id, so a redelivered event changes nothing),
 * and per-account debit and credit totals from which balances and the trial balance are derived.
 */
@Component
@ProcessingGroup(LedgerBookProjection.PROCESSING_GROUP)
public class LedgerBookProjection {

    public static final String PROCESSING_GROUP = "ledger-book";

    private final JdbcClient jdbc;

    public LedgerBookProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LedgerEntry entry) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM ledger_transfers WHERE transfer_id = ?")
                .param(entry.transferId()).query(Long.class).single() > 0;
        if (known) {
            return;
        }
        jdbc.sql("""
                INSERT INTO ledger_transfers (transfer_id, debit_account, credit_account, amount_nano_usd, code)
                VALUES (?, ?, ?, ?, ?)""")
                .params(entry.transferId(), entry.debitAccount(), entry.creditAccount(), entry.amountNanoUsd(),
                        entry.code().name())
                .update();
        post(entry.debitAccount(), entry.amountNanoUsd(), 0);
        post(entry.creditAccount(), 0, entry.amountNanoUsd());
    }

    @QueryHandler
    public WalletBalanceView handle(FindWalletBalanceQuery query) {
        long balance = jdbc.sql("SELECT credits_posted_nano - debits_posted_nano FROM ledger_accounts "
                        + "WHERE account_id = ?")
                .param(LedgerAccounts.wallet(query.userId())).query(Long.class).optional().orElse(0L);
        return new WalletBalanceView(query.userId(), balance);
    }

    @QueryHandler
    public TrialBalanceView handle(FindTrialBalanceQuery query) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(debits_posted_nano), 0), COALESCE(SUM(credits_posted_nano), 0),
                       (SELECT COUNT(*) FROM ledger_transfers)
                FROM ledger_accounts""")
                .query((rs, row) -> new TrialBalanceView(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    private void post(String account, long debitNanoUsd, long creditNanoUsd) {
        int updated = jdbc.sql("""
                UPDATE ledger_accounts SET debits_posted_nano = debits_posted_nano + ?,
                                           credits_posted_nano = credits_posted_nano + ?
                WHERE account_id = ?""")
                .params(debitNanoUsd, creditNanoUsd, account).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO ledger_accounts (account_id, debits_posted_nano, credits_posted_nano) VALUES (?, ?, ?)")
                    .params(account, debitNanoUsd, creditNanoUsd).update();
        }
    }
}

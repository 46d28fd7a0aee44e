package io.llm402.projections.ledger;

import io.llm402.domain.ledger.api.AllowanceClosedEvent;
import io.llm402.domain.ledger.api.AllowanceFundedEvent;
import io.llm402.domain.ledger.api.AllowanceReturnedEvent;
import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.LedgerEntry;
import io.llm402.projections.ledger.api.FindTrialBalanceQuery;
import io.llm402.projections.ledger.api.FindWalletBalanceQuery;
import io.llm402.projections.ledger.api.ListOpenAllowancesQuery;
import io.llm402.projections.ledger.api.NodeAllowancesView;
import io.llm402.projections.ledger.api.OpenAllowanceView;
import io.llm402.projections.ledger.api.OpenAllowancesByNodeQuery;
import io.llm402.projections.ledger.api.TrialBalanceView;
import io.llm402.projections.ledger.api.WalletBalanceView;
import io.llm402.projections.support.BatchWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcOperations;
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

    private final JdbcOperations operations;
    private final JdbcClient jdbc;

    public LedgerBookProjection(JdbcOperations operations) {
        this.operations = operations;
        this.jdbc = JdbcClient.create(operations);
    }

    /** A replay (reset of this processing group) rebuilds the tables from the first event. */
    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM ledger_transfers").update();
        jdbc.sql("DELETE FROM ledger_accounts").update();
        jdbc.sql("DELETE FROM allowances").update();
    }

    /** Axon calls only the most specific handler, so the allowance handlers below book their entry themselves. */
    @EventHandler
    void on(LedgerEntry entry) {
        book(entry);
    }

    /** Transfers and account totals are written per processor batch (see {@link BatchWrites}). */
    private void book(LedgerEntry entry) {
        BatchWrites.add(LedgerBatch.KEY, () -> new LedgerBatch(operations), entry);
    }

    @EventHandler
    void on(AllowanceFundedEvent event) {
        book(event);
        boolean known = jdbc.sql("SELECT COUNT(*) FROM allowances WHERE allowance_id = ?")
                .param(event.allowanceId()).query(Long.class).single() > 0;
        if (!known) {
            jdbc.sql("""
                    INSERT INTO allowances (allowance_id, user_id, token_id, owner_node, granted_nano_usd, closed,
                                            returned)
                    VALUES (?, ?, ?, ?, ?, FALSE, FALSE)""")
                    .params(event.allowanceId(), event.userId(), event.tokenId(),
                            event.ownerNode(), event.amountNanoUsd())
                    .update();
        }
    }

    @EventHandler
    void on(AllowanceClosedEvent event) {
        jdbc.sql("UPDATE allowances SET closed = TRUE WHERE allowance_id = ?").param(event.allowanceId()).update();
    }

    @EventHandler
    void on(AllowanceReturnedEvent event) {
        book(event);
        jdbc.sql("UPDATE allowances SET closed = TRUE, returned = TRUE WHERE allowance_id = ?")
                .param(event.allowanceId()).update();
    }

    @QueryHandler
    public java.util.List<OpenAllowanceView> handle(ListOpenAllowancesQuery query) {
        return jdbc.sql("""
                SELECT allowance_id, user_id, token_id, granted_nano_usd, closed FROM allowances
                WHERE owner_node = ? AND returned = FALSE ORDER BY allowance_id""")
                .param(query.ownerNode())
                .query((rs, row) -> new OpenAllowanceView(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getBoolean(5)))
                .list();
    }

    @QueryHandler
    public java.util.List<NodeAllowancesView> handle(OpenAllowancesByNodeQuery query) {
        return jdbc.sql("""
                SELECT owner_node, COUNT(*), COALESCE(SUM(granted_nano_usd), 0) FROM allowances
                WHERE returned = FALSE GROUP BY owner_node ORDER BY owner_node""")
                .query((rs, row) -> new NodeAllowancesView(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /** The wallet plus what its open allowances have not spent (in-flight reservations are not subtracted). */
    @QueryHandler
    public WalletBalanceView handle(FindWalletBalanceQuery query) {
        long wallet = jdbc.sql("SELECT credits_posted_nano - debits_posted_nano FROM ledger_accounts "
                        + "WHERE account_id = ?")
                .param(LedgerAccounts.wallet(query.userId())).query(Long.class).optional().orElse(0L);
        long allowances = jdbc.sql("""
                SELECT COALESCE(SUM(a.credits_posted_nano - a.debits_posted_nano), 0) FROM ledger_accounts a
                JOIN allowances l ON a.account_id = CONCAT('allowance:', l.allowance_id)
                WHERE l.user_id = ? AND l.returned = FALSE""")
                .param(query.userId()).query(Long.class).single();
        return new WalletBalanceView(query.userId(), Math.addExact(wallet, allowances));
    }

    @QueryHandler
    public TrialBalanceView handle(FindTrialBalanceQuery query) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(debits_posted_nano), 0), COALESCE(SUM(credits_posted_nano), 0),
                       (SELECT COUNT(*) FROM ledger_transfers)
                FROM ledger_accounts""")
                .query((rs, row) -> new TrialBalanceView(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }
}

package io.llm402.projections.ledger;

import io.llm402.domain.ledger.api.LedgerEntry;
import io.llm402.projections.support.BatchWrites;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The ledger book's writes for one processor batch: each transfer not booked yet (by its id, so a redelivered event
 * changes nothing), then each touched account's summed debits and credits.
 */
final class LedgerBatch extends BatchWrites.Batch<LedgerEntry> {

    static final String KEY = "ledger-book.batch";

    private final JdbcOperations jdbc;

    LedgerBatch(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected void write(List<LedgerEntry> pending) {
        Set<String> ids = new LinkedHashSet<>();
        pending.forEach(entry -> ids.add(entry.transferId()));
        Set<String> booked = new HashSet<>();
        BatchWrites.selectIn(jdbc, "SELECT transfer_id FROM ledger_transfers WHERE transfer_id IN (%s)", ids, 1)
                .forEach(row -> booked.add(row[0]));
        List<Object[]> transfers = new ArrayList<>();
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (LedgerEntry entry : pending) {
            if (!booked.add(entry.transferId())) {
                continue;
            }
            transfers.add(new Object[] {entry.transferId(), entry.debitAccount(), entry.creditAccount(),
                    entry.amountNanoUsd(), entry.code().name()});
            long[] debit = totals.computeIfAbsent(entry.debitAccount(), account -> new long[2]);
            debit[0] = Math.addExact(debit[0], entry.amountNanoUsd());
            long[] credit = totals.computeIfAbsent(entry.creditAccount(), account -> new long[2]);
            credit[1] = Math.addExact(credit[1], entry.amountNanoUsd());
        }
        BatchWrites.batchUpdate(jdbc, """
                INSERT INTO ledger_transfers (transfer_id, debit_account, credit_account, amount_nano_usd, code)
                VALUES (?, ?, ?, ?, ?)""", transfers);
        totals.forEach((account, total) -> post(account, total[0], total[1]));
    }

    private void post(String account, long debitNanoUsd, long creditNanoUsd) {
        int updated = jdbc.update("""
                UPDATE ledger_accounts SET debits_posted_nano = debits_posted_nano + ?,
                                           credits_posted_nano = credits_posted_nano + ?
                WHERE account_id = ?""", debitNanoUsd, creditNanoUsd, account);
        if (updated == 0) {
            jdbc.update("INSERT INTO ledger_accounts (account_id, debits_posted_nano, credits_posted_nano) "
                    + "VALUES (?, ?, ?)", account, debitNanoUsd, creditNanoUsd);
        }
    }
}

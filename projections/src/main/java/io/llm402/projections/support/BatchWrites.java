package io.llm402.projections.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * A projection's writes gathered over the batch of events its processor handles in one transaction, and run once just
 * before that transaction commits. Per request the relay appends two events, and writing each at once cost about a
 * dozen statements per request; on PostgreSQL each is a round trip, which made the projections the gateway's largest
 * cost (docs/performance.md). Gathered, a batch costs a few JDBC batches and one statement per touched total.
 * Outside a unit of work (unit tests, direct calls) each event's writes run at once.
 */
public final class BatchWrites {

    /** The pending writes of one projection; {@link #flush()} runs them and starts empty again. */
    public interface Batch {
        void flush();
    }

    private BatchWrites() {
    }

    /** Adds to the current batch of {@code key}, created (and flushed before commit) on first use. */
    public static <B extends Batch> void add(String key, Supplier<B> factory, Consumer<B> addition) {
        if (!CurrentUnitOfWork.isStarted()) {
            B batch = factory.get();
            addition.accept(batch);
            batch.flush();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        B batch = unitOfWork.getOrComputeResource(key, ignored -> {
            B created = factory.get();
            unitOfWork.onPrepareCommit(committing -> created.flush());
            return created;
        });
        addition.accept(batch);
    }

    /** Runs what is pending in the current batch of {@code key}, for a handler that reads the tables it writes. */
    public static void flushPending(String key) {
        if (CurrentUnitOfWork.isStarted()) {
            Batch batch = CurrentUnitOfWork.get().root().getResource(key);
            if (batch != null) {
                batch.flush();
            }
        }
    }

    /** Runs {@code rows} through {@code sql} as JDBC batches (one round trip each on PostgreSQL). */
    public static void batchUpdate(JdbcOperations jdbc, String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }

    /**
     * The rows {@code selectIn} (a query of string columns ending in "IN (%s)") finds for {@code ids}, asked in chunks
     * of a fixed size.
     */
    public static List<String[]> selectIn(JdbcOperations jdbc, String selectIn, Collection<String> ids, int columns) {
        List<String[]> found = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            // A fixed number of placeholders keeps the statement text (and so its cached plan) the same: the last
            // id repeats to fill the chunk.
            Object[] parameters = new Object[CHUNK];
            for (int i = 0; i < CHUNK; i++) {
                parameters[i] = chunk.get(Math.min(i, chunk.size() - 1));
            }
            jdbc.query(String.format(selectIn, PLACEHOLDERS), rs -> {
                String[] row = new String[columns];
                for (int column = 0; column < columns; column++) {
                    row[column] = rs.getString(column + 1);
                }
                found.add(row);
            }, parameters);
        }
        return found;
    }

    private static final int CHUNK = 64;
    private static final String PLACEHOLDERS = String.join(", ", Collections.nCopies(CHUNK, "?"));
}

package io.llm402.projections.support;

import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A projection's writes gathered over the batch of events its processor handles in one transaction, and run once just
 * before that transaction commits. Per request the relay appends two events, and writing each at once cost about a
 * dozen statements per request; on PostgreSQL each is a round trip, which made the projections the gateway's largest
 * cost (docs/performance.md). Gathered, a batch costs a few JDBC batches and one statement per touched total.
 * Outside a unit of work (unit tests, direct calls) each event's writes run at once.
 */
public final class BatchWrites {

    /** The pending events of one projection's batch; {@link #flush()} writes them and starts empty again. */
    public abstract static class Batch<E> {

        private final List<E> pending = new ArrayList<>();

        public final void add(E event) {
            pending.add(event);
        }

        public final void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<E> events = List.copyOf(pending);
            pending.clear();
            write(events);
        }

        /** Writes these events, in order, in the current transaction. */
        protected abstract void write(List<E> events);
    }

    private BatchWrites() {
    }

    /** Adds to the current batch of {@code key}, created (and flushed before commit) on first use. */
    public static <E> void add(String key, Supplier<? extends Batch<E>> factory, E event) {
        if (!CurrentUnitOfWork.isStarted()) {
            Batch<E> batch = factory.get();
            batch.add(event);
            batch.flush();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Batch<E> batch = unitOfWork.getOrComputeResource(key, ignored -> {
            Batch<E> created = factory.get();
            unitOfWork.onPrepareCommit(committing -> created.flush());
            return created;
        });
        batch.add(event);
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
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(String.format(selectIn, PLACEHOLDERS));
                planEachTime(statement);
                for (int i = 0; i < CHUNK; i++) {
                    statement.setString(i + 1, (String) parameters[i]);
                }
                return statement;
            }, (RowCallbackHandler) rs -> {
                String[] row = new String[columns];
                for (int column = 0; column < columns; column++) {
                    row[column] = rs.getString(column + 1);
                }
                found.add(row);
            });
        }
        return found;
    }

    /**
     * PostgreSQL's JDBC driver prepares a statement on the server after a few executions, and the server then keeps
     * one generic plan for it. For a lookup by a list of keys, that plan was made while the table was still small (a
     * sequential scan) and stayed, because nothing re-analysed the table (autovacuum off): at 170,000 rows each lookup
     * took 200 ms. These lookups run once per batch, so they are planned with their values every time.
     */
    private static void planEachTime(PreparedStatement statement) throws SQLException {
        if (POSTGRES_STATEMENT != null && SET_PREPARE_THRESHOLD != null
                && statement.isWrapperFor(POSTGRES_STATEMENT)) {
            try {
                SET_PREPARE_THRESHOLD.invoke(statement.unwrap(POSTGRES_STATEMENT), 0);
            } catch (ReflectiveOperationException e) {
                throw new SQLException("cannot turn off server-side preparing", e);
            }
        }
    }

    private static final @Nullable Class<?> POSTGRES_STATEMENT = postgresStatement();
    private static final @Nullable Method SET_PREPARE_THRESHOLD = setPrepareThreshold();

    private static @Nullable Class<?> postgresStatement() {
        try {
            return Class.forName("org.postgresql.PGStatement", false, BatchWrites.class.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return null;
        }
    }

    private static @Nullable Method setPrepareThreshold() {
        try {
            return POSTGRES_STATEMENT == null ? null : POSTGRES_STATEMENT.getMethod("setPrepareThreshold", int.class);
        } catch (NoSuchMethodException absent) {
            return null;
        }
    }

    private static final int CHUNK = 64;
    private static final String PLACEHOLDERS = String.join(", ", Collections.nCopies(CHUNK, "?"));
}

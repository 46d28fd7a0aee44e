package io.llm402.ops.axon;

import java.sql.SQLException;
import java.util.Set;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.sqlite.SQLiteException;

/**
 * Tells Axon which exceptions are a duplicate (aggregate id, sequence number): those become a
 * {@code ConcurrencyException} (two writers raced for one aggregate) instead of a generic storage failure. Only
 * unique-key violations count; a NOT NULL or foreign-key violation is a bug, not a race.
 */
final class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String POSTGRES_UNIQUE_VIOLATION = "23505";
    private static final int MYSQL_DUPLICATE_ENTRY = 1062;
    /** SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE. */
    private static final Set<Integer> SQLITE_DUPLICATE_CODES = Set.of(1555, 2067);

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isDuplicate(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDuplicate(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            return SQLITE_DUPLICATE_CODES.contains(sqlite.getResultCode().code)
                    || (sqlite.getErrorCode() == 19 && String.valueOf(e.getMessage()).contains("UNIQUE constraint"));
        }
        return POSTGRES_UNIQUE_VIOLATION.equals(e.getSQLState()) || e.getErrorCode() == MYSQL_DUPLICATE_ENTRY;
    }
}

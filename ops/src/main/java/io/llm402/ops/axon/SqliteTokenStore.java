package io.llm402.ops.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

/**
 * Axon claims tokens with {@code SELECT … FOR UPDATE}, which SQLite rejects. Dropping the clause is safe on SQLite:
 * its transactions here are IMMEDIATE, so the claiming transaction already holds the database's only write lock.
 */
final class SqliteTokenStore extends JdbcTokenStore {

    SqliteTokenStore(Builder builder) {
        super(builder);
    }

    @Override
    protected PreparedStatement select(Connection connection, String processorName, int segment, boolean forUpdate)
            throws SQLException {
        return super.select(connection, processorName, segment, false);
    }
}

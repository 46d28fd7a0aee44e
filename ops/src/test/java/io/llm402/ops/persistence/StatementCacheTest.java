package io.llm402.ops.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {

    @TempDir
    Path dir;
    private DataSource dataSource;

    @BeforeEach
    void setUp() throws SQLException {
        dataSource = StatementCache.around(new SqliteDataSource(SqlDsn.embedded(dir).url()));
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE)");
        }
    }

    @Test
    void aClosedStatementIsHandedOutAgainForTheSameSql() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Object first = insert(connection, 1, "a");
            Object second = insert(connection, 2, "b");
            assertThat(second).isSameAs(first);
            assertThat(names(connection)).isEqualTo("a,b");
            assertThat(names(connection)).isEqualTo("a,b");
        }
    }

    @Test
    void aStatementThatFailedIsNotReused() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Object first = insert(connection, 1, "a");
            assertThatThrownBy(() -> insert(connection, 2, "a")).isInstanceOf(SQLException.class);
            Object afterFailure = insert(connection, 3, "c");
            assertThat(afterFailure).isNotSameAs(first);
            assertThat(names(connection)).isEqualTo("a,c");
        }
    }

    @Test
    void givingBackAQueryWithAnOpenResultSetEndsItsRead() throws SQLException {
        // The checkpointing connection does not wait for readers, so a pinned WAL shows at once.
        try (Connection reader = dataSource.getConnection();
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("llm402.db"))) {
            insert(reader, 1, "a");
            insert(reader, 2, "b");
            PreparedStatement query = reader.prepareStatement("SELECT name FROM item ORDER BY id");
            ResultSet rows = query.executeQuery();
            assertThat(rows.next()).isTrue();
            // An unfinished read pins the WAL: a truncating checkpoint reports itself busy.
            assertThat(checkpointBusy(other)).isEqualTo(1);
            query.close();
            assertThat(checkpointBusy(other)).isEqualTo(0);
            assertThat(query.isClosed()).isTrue();
            assertThatThrownBy(query::executeQuery).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void closingTheConnectionClosesItsIdleStatements() throws SQLException {
        Connection connection = dataSource.getConnection();
        PreparedStatement driverStatement;
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM item")) {
            driverStatement = statement.unwrap(PreparedStatement.class);
        }
        assertThat(driverStatement.isClosed()).isFalse();
        connection.close();
        assertThat(driverStatement.isClosed()).isTrue();
    }

    private static Object insert(Connection connection, int id, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO item (id, name) VALUES (?, ?)")) {
            statement.setInt(1, id);
            statement.setString(2, name);
            statement.executeUpdate();
            return statement.unwrap(PreparedStatement.class);
        }
    }

    private static String names(Connection connection) throws SQLException {
        StringBuilder names = new StringBuilder();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM item ORDER BY id");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.append(names.isEmpty() ? "" : ",").append(rows.getString(1));
            }
        }
        return names.toString();
    }

    private static int checkpointBusy(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
        }
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            result.next();
            return result.getInt(1);
        }
    }
}

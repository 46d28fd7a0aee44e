package io.llm402.ops.persistence;

import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite connections that wait for the database's single write lock in short steps. SQLite's own busy timeout
 * sleeps with backoff up to 100 ms per try, so when the event appender and the projections take turns writing, a
 * waiting writer idles long after the lock was freed: measured here, 83 req/s at 100 ms median latency with 8
 * concurrent requests. Polling every 20 µs (200 µs after the first 20 ms) gives the lock to the next writer at once.
 */
final class SqliteDataSource extends SQLiteDataSource {

    /** About ten seconds in all, like the {@code busy_timeout} it replaces. */
    private static final int FAST_TRIES = 1_000;
    private static final int MAX_TRIES = FAST_TRIES + 50_000;

    private static final BusyHandler SHORT_STEPS = new BusyHandler() {
        @Override
        protected int callback(int tries) {
            if (tries >= MAX_TRIES) {
                return 0;
            }
            LockSupport.parkNanos(tries < FAST_TRIES ? 20_000 : 200_000);
            return 1;
        }
    };

    /** Takes the pragmas from the URL's query ({@code journal_mode}, {@code transaction_mode}, …) as its config. */
    SqliteDataSource(String url) {
        int query = url.indexOf('?');
        Properties pragmas = new Properties();
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    pragmas.setProperty(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        setConfig(new SQLiteConfig(pragmas));
        setUrl(query >= 0 ? url.substring(0, query) : url);
    }

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
        return withShortSteps(super.getConnection(username, password));
    }

    private static SQLiteConnection withShortSteps(SQLiteConnection connection) throws SQLException {
        BusyHandler.setHandler(connection, SHORT_STEPS);
        return connection;
    }
}

package io.llm402.ops.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Keeps each connection's prepared statements for reuse. SQLite compiles a statement's SQL on every prepare and
 * sqlite-jdbc caches nothing, while the relay's events and projections run the same few dozen statements thousands of
 * times a second: under load, {@code sqlite3_prepare} alone took 12 % of the gateway's CPU (async-profiler,
 * docs/performance.md). A borrowed statement's {@code close()} resets it and puts it back; a statement that failed
 * or was asked to close with its result set is closed for real. Up to {@value #MAX_IDLE} idle statements per
 * connection, least recently used dropped first.
 */
final class StatementCache {

    static final int MAX_IDLE = 128;

    private StatementCache() {
    }

    /** Connections from {@code target}, each with its own statement cache. */
    static DataSource around(DataSource target) {
        return new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws SQLException {
                return CachingConnection.wrap(obtainTargetDataSource().getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return CachingConnection.wrap(obtainTargetDataSource().getConnection(username, password));
            }
        };
    }

    /** One connection and its idle statements, keyed by SQL (and result set type where given). */
    private static final class CachingConnection implements InvocationHandler {

        private final Connection target;
        private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= MAX_IDLE) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };

        private CachingConnection(Connection target) {
            this.target = target;
        }

        static Connection wrap(Connection target) {
            return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new CachingConnection(target));
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("prepareStatement") && args.length == 1) {
                return borrow((String) args[0], () -> target.prepareStatement((String) args[0]));
            }
            if (name.equals("prepareStatement") && args.length == 3 && args[1] instanceof Integer type
                    && args[2] instanceof Integer concurrency) {
                // The token store's "select for update" asks for this form.
                return borrow(type + "," + concurrency + ":" + args[0],
                        () -> target.prepareStatement((String) args[0], type, concurrency));
            }
            if (name.equals("close") && method.getParameterCount() == 0) {
                closeIdle();
            }
            return StatementCache.invoke(target, method, args);
        }

        private PreparedStatement borrow(String key, Preparation preparation) throws SQLException {
            PreparedStatement statement;
            synchronized (idle) {
                statement = idle.remove(key);
            }
            if (statement == null || statement.isClosed()) {
                statement = preparation.prepare();
            }
            return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, new BorrowedStatement(this, key, statement));
        }

        @FunctionalInterface
        private interface Preparation {
            PreparedStatement prepare() throws SQLException;
        }

        void giveBack(String key, PreparedStatement statement) {
            PreparedStatement displaced;
            synchronized (idle) {
                displaced = idle.put(key, statement);
            }
            // Two borrowers of the same SQL at once: keep one of them.
            if (displaced != null && displaced != statement) {
                closeQuietly(displaced);
            }
        }

        private void closeIdle() {
            List<PreparedStatement> statements;
            synchronized (idle) {
                statements = new ArrayList<>(idle.values());
                idle.clear();
            }
            statements.forEach(StatementCache::closeQuietly);
        }
    }

    /** A statement lent out until its {@code close()}. */
    private static final class BorrowedStatement implements InvocationHandler {

        private final CachingConnection owner;
        private final String key;
        private final PreparedStatement target;
        private @Nullable ResultSet lastResult;
        private boolean reusable = true;
        private boolean returned;

        BorrowedStatement(CachingConnection owner, String key, PreparedStatement target) {
            this.owner = owner;
            this.key = key;
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            int parameters = method.getParameterCount();
            if (name.equals("close") && parameters == 0) {
                giveBack();
                return null;
            }
            if (name.equals("isClosed") && parameters == 0) {
                return returned || target.isClosed();
            }
            if (returned) {
                throw new SQLException("statement is closed");
            }
            if (name.equals("closeOnCompletion")) {
                reusable = false;
            }
            try {
                Object result = StatementCache.invoke(target, method, args);
                if (result instanceof ResultSet resultSet) {
                    lastResult = resultSet;
                }
                return result;
            } catch (SQLException | RuntimeException failure) {
                // A failed statement may be left mid-step: never hand it out again.
                reusable = false;
                throw failure;
            }
        }

        private void giveBack() {
            if (returned) {
                return;
            }
            returned = true;
            try {
                if (reusable && !target.isClosed()) {
                    // Closing the result set resets the statement, which ends its read of the database.
                    if (lastResult != null && !lastResult.isClosed()) {
                        lastResult.close();
                    }
                    target.clearParameters();
                    target.clearBatch();
                    owner.giveBack(key, target);
                    return;
                }
            } catch (SQLException resetFailed) {
                // Fall through: closed below.
            }
            closeQuietly(target);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // The connection is going away or the statement is already finalized.
        }
    }
}

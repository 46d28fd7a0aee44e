package io.llm402.ops.axon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * sqlite-jdbc throws "Bad value for type Long" from {@code getObject(column, Long.class)} when the value is NULL,
 * where JDBC says to answer {@code null}. Axon asks exactly that for {@code max(globalIndex)} on an empty store, and
 * its tracking processors then retry forever (stack-evidence §2). These proxies answer {@code null} instead; every
 * other call goes straight to the driver.
 */
final class SqliteJdbcCompat {

    private SqliteJdbcCompat() {
    }

    static Connection wrap(Connection connection) {
        return proxy(Connection.class, connection);
    }

    private static <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = nullSafeGetObject(target, method, args);
            if (result == NOT_HANDLED) {
                result = invoke(target, method, args);
            }
            return wrapResult(result);
        };
        return type.cast(Proxy.newProxyInstance(SqliteJdbcCompat.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static final Object NOT_HANDLED = new Object();

    private static Object nullSafeGetObject(Object target, Method method, Object[] args) throws Throwable {
        if (target instanceof ResultSet resultSet && method.getName().equals("getObject") && args != null
                && args.length == 2 && args[1] instanceof Class<?>) {
            Object raw = args[0] instanceof Integer index ? resultSet.getObject(index)
                    : resultSet.getObject((String) args[0]);
            return raw == null ? null : invoke(target, method, args);
        }
        return NOT_HANDLED;
    }

    private static Object wrapResult(Object result) {
        if (result instanceof ResultSet resultSet && !Proxy.isProxyClass(result.getClass())) {
            return proxy(ResultSet.class, resultSet);
        }
        if (result instanceof java.sql.PreparedStatement statement && !Proxy.isProxyClass(result.getClass())) {
            return proxy(java.sql.PreparedStatement.class, statement);
        }
        if (result instanceof Statement statement && !Proxy.isProxyClass(result.getClass())) {
            return proxy(Statement.class, statement);
        }
        return result;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

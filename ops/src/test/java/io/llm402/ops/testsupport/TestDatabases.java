package io.llm402.ops.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The database a test runs against, chosen with {@code -Dllm402.test.db=sqlite|postgres|mariadb} (default sqlite).
 * Every call makes a fresh, empty one: a new SQLite file, a new PostgreSQL schema or a new MariaDB database on the
 * servers at 127.0.0.1 (override with {@code LLM402_TEST_POSTGRES} / {@code LLM402_TEST_MARIADB} JDBC URLs). The
 * server-side ones are dropped when the JVM exits.
 */
public final class TestDatabases {

    private static final String POSTGRES_ADMIN = env("LLM402_TEST_POSTGRES",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final String MARIADB_ADMIN = env("LLM402_TEST_MARIADB",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root");

    private TestDatabases() {
    }

    public static String kind() {
        String kind = System.getProperty("llm402.test.db", "");
        return kind.isBlank() ? "sqlite" : kind.toLowerCase(Locale.ROOT);
    }

    /** A fresh database; its {@code sqlDsn} is {@code null} for the embedded SQLite default. */
    public static FreshDatabase create() {
        String name = "llm402_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return switch (kind()) {
            case "sqlite" -> new FreshDatabase(null);
            case "postgres", "postgresql" -> {
                execute(POSTGRES_ADMIN, "CREATE SCHEMA " + name);
                dropOnExit(POSTGRES_ADMIN, "DROP SCHEMA " + name + " CASCADE");
                yield new FreshDatabase(POSTGRES_ADMIN + "&currentSchema=" + name);
            }
            case "mariadb", "mysql" -> {
                execute(MARIADB_ADMIN, "CREATE DATABASE " + name);
                dropOnExit(MARIADB_ADMIN, "DROP DATABASE " + name);
                yield new FreshDatabase(MARIADB_ADMIN.replaceFirst("/test\\?", "/" + name + "?"));
            }
            default -> throw new IllegalArgumentException("llm402.test.db must be sqlite, postgres or mariadb");
        };
    }

    /** @param sqlDsn the {@code SQL_DSN} value to run with, {@code null} for embedded SQLite */
    public record FreshDatabase(@Nullable String sqlDsn) {
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database (" + sql + ") at " + url
                    + ": is the server running?", e);
        }
    }

    private static void dropOnExit(String url, String sql) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(url, sql);
            } catch (RuntimeException ignored) {
                // Best effort: a leftover schema costs disk, not correctness; every run uses new names.
            }
        }));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

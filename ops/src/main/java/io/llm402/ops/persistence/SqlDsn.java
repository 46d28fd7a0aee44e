package io.llm402.ops.persistence;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code SQL_DSN} in the forms new-api operators already have: {@code postgres://user:pass@host:5432/db},
 * {@code user:pass@tcp(host:3306)/db} (MySQL, Go driver syntax), or a plain {@code jdbc:} URL. MySQL is reached
 * through the MariaDB driver, which speaks to both servers.
 */
public final class SqlDsn {

    /**
     * WAL and IMMEDIATE transactions: without them concurrent writers fail with SQLITE_BUSY (stack-evidence §2).
     * No generated keys: nothing reads them, and sqlite-jdbc would otherwise prepare and run a
     * {@code last_insert_rowid()} query after every INSERT. A 16 MB page cache keeps the indexes the event appender
     * and the projections write to in memory (SQLite's default is 2 MB).
     */
    static final String SQLITE_OPTIONS = "?journal_mode=WAL&busy_timeout=10000&synchronous=NORMAL"
            + "&transaction_mode=IMMEDIATE&foreign_keys=false&jdbc.get_generated_keys=false&cache_size=-16384";

    private static final Pattern GO_MYSQL =
            Pattern.compile("^(?<user>[^:@/]*)(?::(?<pass>[^@]*))?@tcp\\((?<host>[^)]+)\\)/(?<db>[^?]+)(?:\\?.*)?$");

    private SqlDsn() {
    }

    /** The embedded default: one SQLite file in the data directory. */
    public static JdbcTarget embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("llm402.db");
        return new JdbcTarget("jdbc:sqlite:" + file + SQLITE_OPTIONS, null, null, DatabaseKind.SQLITE);
    }

    public static JdbcTarget parse(String dsn) {
        String value = dsn.trim();
        if (value.startsWith("jdbc:mysql:")) {
            value = "jdbc:mariadb:" + value.substring("jdbc:mysql:".length());
        }
        if (value.startsWith("jdbc:")) {
            return new JdbcTarget(value, null, null, DatabaseKind.ofJdbcUrl(value));
        }
        if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
            return postgres(URI.create(value));
        }
        Matcher mysql = GO_MYSQL.matcher(value);
        if (mysql.matches()) {
            String host = mysql.group("host").contains(":") ? mysql.group("host") : mysql.group("host") + ":3306";
            return new JdbcTarget("jdbc:mariadb://" + host + "/" + mysql.group("db"), decode(mysql.group("user")),
                    decode(mysql.group("pass")), DatabaseKind.MARIADB);
        }
        throw new IllegalArgumentException("SQL_DSN is not understood; use postgres://user:pass@host:5432/db, "
                + "user:pass@tcp(host:3306)/db or a jdbc: URL");
    }

    private static JdbcTarget postgres(URI uri) {
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String url = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
        return new JdbcTarget(url, user, password, DatabaseKind.POSTGRESQL);
    }

    private static @Nullable String decode(@Nullable String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}

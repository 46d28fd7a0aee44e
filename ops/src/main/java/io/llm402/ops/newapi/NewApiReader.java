package io.llm402.ops.newapi;

import io.llm402.ops.persistence.DatabaseKind;
import io.llm402.ops.persistence.JdbcTarget;
import io.llm402.ops.persistence.SqlDsn;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a new-api database, only with {@code SELECT}s. Columns are found by name, so the versions of new-api that
 * added or dropped a column all read; a missing column reads as empty.
 */
final class NewApiReader {

    /** External login columns of {@code users}, by the provider's name. */
    private static final Map<String, String> BINDING_COLUMNS = Map.of("github_id", "github", "oidc_id", "oidc",
            "wechat_id", "wechat", "telegram_id", "telegram", "linux_do_id", "linux_do");
    /** Per-channel options reported when set and not carried over (the planner carries the overrides over). */
    private static final List<String> CHANNEL_EXTRAS = List.of("param_override", "header_override",
            "status_code_mapping", "open_ai_organization", "tag", "settings");
    /** Keys of a channel's {@code setting} JSON reported when set and not carried over (idem: the system prompt). */
    static final List<String> CHANNEL_SETTING_EXTRAS = List.of("proxy", "system_prompt", "system_prompt_override",
            "force_format", "pass_through_body_enabled");

    private NewApiReader() {
    }

    /**
     * Where the new-api database is: the path of its SQLite file ({@code one-api.db}), or new-api's own
     * {@code SQL_DSN} ({@code postgres://…}, {@code user:pass@tcp(host:3306)/db}), or a {@code jdbc:} URL.
     */
    static JdbcTarget target(String from) {
        String value = from.trim();
        if (value.startsWith("sqlite:")) {
            value = value.substring("sqlite:".length());
        }
        Path file = Path.of(value.contains("?") ? value.substring(0, value.indexOf('?')) : value);
        if (!value.startsWith("jdbc:") && !value.contains("://") && !value.contains("@tcp(")) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no new-api SQLite file at " + file.toAbsolutePath());
            }
            return new JdbcTarget("jdbc:sqlite:" + file.toAbsolutePath() + "?open_mode=1", null, null,
                    DatabaseKind.SQLITE);
        }
        return SqlDsn.parse(value);
    }

    static NewApiDatabase read(JdbcTarget target) throws SQLException {
        try (Connection connection = DriverManager.getConnection(target.url(), target.username(),
                target.password())) {
            connection.setReadOnly(true);
            Map<String, String> options = new LinkedHashMap<>();
            for (Row row : rows(connection, "options")) {
                options.put(row.text("key"), row.text("value"));
            }
            return new NewApiDatabase(read(connection, "users", NewApiReader::user),
                    read(connection, "tokens", NewApiReader::token),
                    read(connection, "channels", NewApiReader::channel),
                    read(connection, "redemptions", NewApiReader::redemption), options);
        }
    }

    private static <T> List<T> read(Connection connection, String table, Function<Row, T> mapper)
            throws SQLException {
        List<T> read = new ArrayList<>();
        for (Row row : rows(connection, table)) {
            read.add(mapper.apply(row));
        }
        return read;
    }

    private static NewApiDatabase.User user(Row row) {
        Map<String, String> bindings = new HashMap<>();
        BINDING_COLUMNS.forEach((column, provider) -> {
            String id = row.text(column);
            if (!id.isBlank()) {
                bindings.put(provider, id);
            }
        });
        String password = row.text("password");
        String email = row.text("email");
        return new NewApiDatabase.User(row.number("id"), row.text("username"),
                password.isBlank() ? null : password, row.text("display_name"), email.isBlank() ? null : email,
                (int) row.number("role"), (int) row.number("status"), row.number("quota"), row.number("used_quota"),
                row.number("request_count"), row.text("group"), row.present("deleted_at"), bindings);
    }

    private static NewApiDatabase.Token token(Row row) {
        return new NewApiDatabase.Token(row.number("id"), row.number("user_id"), row.text("name"), row.text("key"),
                (int) row.number("status"), row.number("expired_time"), row.number("remain_quota"),
                row.flag("unlimited_quota"), row.flag("model_limits_enabled"), row.text("model_limits"),
                row.text("allow_ips"), row.text("group"), row.present("deleted_at"));
    }

    private static NewApiDatabase.Channel channel(Row row) {
        Map<String, String> extras = new LinkedHashMap<>();
        for (String column : CHANNEL_EXTRAS) {
            String value = row.text(column).trim();
            if (!value.isEmpty() && !value.equals("{}") && !value.equals("null") && !value.equals("[]")) {
                extras.put(column, value);
            }
        }
        return new NewApiDatabase.Channel(row.number("id"), (int) row.number("type"), row.text("name"),
                row.text("key"), (int) row.number("status"), row.text("base_url"), row.text("other"),
                row.text("models"), row.text("group"), row.text("model_mapping"), row.number("priority"),
                row.number("weight"), !row.present("auto_ban") || row.flag("auto_ban"), row.text("test_model"),
                row.text("channel_info"), row.text("other_info"), row.text("setting"), extras);
    }

    private static NewApiDatabase.Redemption redemption(Row row) {
        return new NewApiDatabase.Redemption(row.number("id"), row.text("name"), row.text("key"),
                (int) row.number("status"), row.number("quota"), row.number("expired_time"),
                row.present("deleted_at"));
    }

    private static List<Row> rows(Connection connection, String table) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            try (ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, @Nullable Object> values = new HashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        values.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), result.getObject(i));
                    }
                    rows.add(new Row(values));
                }
            }
        }
        return rows;
    }

    /** One row by column name; absent and NULL columns read as empty text, zero or false. */
    private record Row(Map<String, @Nullable Object> values) {

        boolean present(String column) {
            return values.get(column) != null;
        }

        String text(String column) {
            Object value = values.get(column);
            return value == null ? "" : value.toString();
        }

        long number(String column) {
            Object value = values.get(column);
            if (value == null) {
                return 0;
            }
            if (value instanceof Number number) {
                return number.longValue();
            }
            if (value instanceof Boolean flag) {
                return flag ? 1 : 0;
            }
            String text = value.toString().trim();
            return text.isEmpty() ? 0 : new BigDecimal(text).longValue();
        }

        boolean flag(String column) {
            Object value = values.get(column);
            if (value instanceof Boolean flag) {
                return flag;
            }
            String text = value == null ? "" : value.toString().trim();
            return text.equals("1") || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("t");
        }
    }
}

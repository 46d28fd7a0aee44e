package io.llm402.ops.newapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.llm402.ops.persistence.JdbcTarget;
import io.llm402.ops.testsupport.NewApiSchema;
import io.llm402.ops.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a database with new-api's own schema (the tables as its GORM migrations create them on SQLite and on
 * PostgreSQL), filled the way new-api fills it.
 */
class NewApiReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsNewApisSqliteFile() throws Exception {
        Path file = dir.resolve("one-api.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            fill(connection, "sqlite", '`');
        }

        assertRead(NewApiReader.target(file.toString()));
    }

    @Test
    void readsNewApisPostgresDatabaseGivenAsItsSqlDsn() throws Exception {
        assumeThat(TestDatabases.kind()).as("runs in the PostgreSQL matrix").isIn("postgres", "postgresql");
        String url = Objects.requireNonNull(TestDatabases.create().sqlDsn());
        try (Connection connection = DriverManager.getConnection(url)) {
            fill(connection, "postgres", '"');
        }

        assertRead(NewApiReader.target(url));
    }

    @Test
    void aMissingSqliteFileIsNamedInTheError() {
        Path missing = dir.resolve("nope.db");
        assertThatThrownBy(() -> NewApiReader.target(missing.toString()))
                .hasMessageContaining("no new-api SQLite file at");
    }

    private static void assertRead(JdbcTarget target) throws SQLException {
        NewApiDatabase database = NewApiReader.read(target);

        assertThat(database.users()).hasSize(3);
        NewApiDatabase.User alice = database.users().get(1);
        assertThat(alice.username()).isEqualTo("alice");
        assertThat(alice.passwordHash()).startsWith("$2a$10$");
        assertThat(alice.quota()).isEqualTo(1_250_000);
        assertThat(alice.group()).isEqualTo("vip");
        assertThat(alice.bindings()).containsEntry("github", "12345");
        assertThat(database.users().get(2).deleted()).isTrue();
        NewApiDatabase.Token token = database.tokens().getFirst();
        assertThat(token.key()).hasSize(48);
        assertThat(token.unlimitedQuota()).isFalse();
        assertThat(token.modelLimitsEnabled()).isTrue();
        assertThat(token.expiredTime()).isEqualTo(-1);
        assertThat(database.tokens().get(1).unlimitedQuota()).isTrue();
        NewApiDatabase.Channel channel = database.channels().getFirst();
        assertThat(channel.key()).isEqualTo("sk-a\nsk-b");
        assertThat(channel.channelInfo()).contains("\"multi_key_mode\":\"polling\"");
        assertThat(channel.autoBan()).isTrue();
        assertThat(channel.priority()).isEqualTo(3);
        assertThat(channel.extras()).containsOnlyKeys("param_override");
        assertThat(database.options()).containsEntry("QuotaPerUnit", "500000").containsKey("ModelRatio");
        assertThat(database.redemptions()).singleElement()
                .satisfies(code -> assertThat(code.quota()).isEqualTo(5_000_000));
    }

    /** The rows as new-api writes them (its defaults for the columns it leaves out). */
    private void fill(Connection connection, String dialect, char q) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : NewApiSchema.statements(dialect)) {
                statement.execute(sql);
            }
            String g = q + "group" + q;
            String k = q + "key" + q;
            statement.execute("INSERT INTO users (username, password, display_name, role, status, quota, used_quota, "
                    + "request_count, " + g + ", aff_code) VALUES ('root', '$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BwhdURnLu"
                    + "wcNlMh7pQs3M3V4sH5G', 'Root User', 100, 1, 500000000, 0, 0, 'default', 'r00t')");
            statement.execute("INSERT INTO users (username, password, display_name, role, status, quota, used_quota, "
                    + "request_count, " + g + ", aff_code, github_id) VALUES ('alice', '$2a$10$7EqJtq98hPqEX7fNZaFWo"
                    + "Ohi5BwhdURnLuwcNlMh7pQs3M3V4sH5G', 'Alice', 1, 1, 1250000, 100000, 7, 'vip', 'al1c', '12345')");
            statement.execute("INSERT INTO users (username, password, role, status, quota, aff_code, deleted_at) "
                    + "VALUES ('gone', 'x', 1, 1, 10, 'g0ne', CURRENT_TIMESTAMP)");
            statement.execute("INSERT INTO tokens (user_id, " + k + ", status, name, created_time, expired_time, "
                    + "remain_quota, unlimited_quota, model_limits_enabled, model_limits, allow_ips, " + g + ") VALUES "
                    + "(2, 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL', 1, 'app', 1700000000, -1, 250000, "
                    + "false, true, 'gpt-4o-mini', '', '')");
            statement.execute("INSERT INTO tokens (user_id, " + k + ", status, name, created_time, expired_time, "
                    + "remain_quota, unlimited_quota, model_limits_enabled, model_limits, allow_ips, " + g + ") VALUES "
                    + "(2, 'ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfe', 1, 'cli', 1700000000, -1, 0, true, "
                    + "false, '', '', '')");
            statement.execute("INSERT INTO channels (type, " + k + ", status, name, weight, base_url, models, " + g
                    + ", model_mapping, priority, auto_ban, param_override, channel_info) VALUES (1, 'sk-a\nsk-b', 1, "
                    + "'openai', 10, '', 'gpt-4o-mini', 'default,vip', '{}', 3, 1, '{\"temperature\":0}', "
                    + "'{\"is_multi_key\":true,\"multi_key_size\":2,\"multi_key_mode\":\"polling\"}')");
            statement.execute("INSERT INTO options (" + k + ", value) VALUES ('QuotaPerUnit', '500000'), "
                    + "('ModelRatio', '{\"gpt-4o-mini\":0.075}')");
            statement.execute("INSERT INTO redemptions (user_id, " + k + ", status, name, quota, created_time, "
                    + "expired_time) VALUES (1, '0123456789abcdef0123456789abcdef', 1, 'gift', 5000000, 1700000000, 0)");
        }
    }
}

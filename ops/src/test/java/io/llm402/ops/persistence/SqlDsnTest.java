package io.llm402.ops.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqlDsnTest {

    @Test
    void newApiPostgresForm() {
        assertThat(SqlDsn.parse("postgres://llm:p%40ss@db.local:5433/gateway?sslmode=disable")).isEqualTo(
                new JdbcTarget("jdbc:postgresql://db.local:5433/gateway?sslmode=disable", "llm", "p@ss",
                        DatabaseKind.POSTGRESQL));
        assertThat(SqlDsn.parse("postgresql://u@h/db").url()).isEqualTo("jdbc:postgresql://h:5432/db");
    }

    @Test
    void newApiMysqlFormGoesThroughTheMariadbDriver() {
        assertThat(SqlDsn.parse("root:secret@tcp(127.0.0.1:3306)/newapi?charset=utf8mb4&parseTime=True")).isEqualTo(
                new JdbcTarget("jdbc:mariadb://127.0.0.1:3306/newapi", "root", "secret", DatabaseKind.MARIADB));
        assertThat(SqlDsn.parse("root@tcp(db)/x").url()).isEqualTo("jdbc:mariadb://db:3306/x");
    }

    @Test
    void jdbcUrlsPassThrough() {
        assertThat(SqlDsn.parse("jdbc:postgresql://h/db?user=a").kind()).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(SqlDsn.parse("jdbc:mysql://h:3306/db").url()).isEqualTo("jdbc:mariadb://h:3306/db");
        assertThat(SqlDsn.parse("jdbc:sqlite:/tmp/x.db").kind()).isEqualTo(DatabaseKind.SQLITE);
    }

    @Test
    void theEmbeddedDefaultLivesInTheDataDirectoryWithWalAndImmediateTransactions() {
        JdbcTarget target = SqlDsn.embedded(Path.of("/srv/llm402"));
        assertThat(target.url()).startsWith("jdbc:sqlite:/srv/llm402/llm402.db?")
                .contains("journal_mode=WAL", "busy_timeout=10000", "transaction_mode=IMMEDIATE");
    }

    @Test
    void passwordsNeverAppearInItsDescription() {
        assertThat(SqlDsn.parse("jdbc:postgresql://h/db?user=a&password=hunter2").toString()).doesNotContain("hunter2");
        assertThat(SqlDsn.parse("postgres://a:hunter2@h/db").toString()).doesNotContain("hunter2");
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> SqlDsn.parse("mongodb://h/db")).hasMessageContaining("postgres://");
    }
}

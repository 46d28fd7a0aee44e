package io.llm402.ops.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.llm402.ops.config.Llm402Properties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one DataSource: the embedded SQLite file by default, or the database named by {@code SQL_DSN}. */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PersistenceConfiguration.class);

    @Bean
    JdbcTarget jdbcTarget(Llm402Properties properties) {
        if (!properties.embeddedDatabase()) {
            return SqlDsn.parse(properties.sqlDsn());
        }
        try {
            Files.createDirectories(properties.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + properties.dataDir(), e);
        }
        return SqlDsn.embedded(properties.dataDir());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(JdbcTarget target) {
        log.info("Database: {}", target);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("llm402");
        if (target.kind() == DatabaseKind.SQLITE) {
            dataSource.setDataSource(StatementCache.around(new SqliteDataSource(target.url())));
        } else {
            dataSource.setJdbcUrl(target.url());
        }
        if (target.username() != null) {
            dataSource.setUsername(target.username());
        }
        if (target.password() != null) {
            dataSource.setPassword(target.password());
        }
        // SQLite has one writer: with several connections the event appender and the projections fight for its
        // lock (busy retries burn CPU and add latency); one connection makes them queue in-process instead.
        dataSource.setMaximumPoolSize(target.kind() == DatabaseKind.SQLITE ? 1 : 16);
        if (target.kind() == DatabaseKind.MARIADB) {
            // InnoDB's default REPEATABLE READ takes gap locks on "update, insert if absent", which deadlocks
            // concurrent projection writers; READ COMMITTED (PostgreSQL's default) does not.
            dataSource.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        return dataSource;
    }

    @Bean
    SchemaMigrations schemaMigrations(DataSource dataSource, JdbcTarget target) {
        return SchemaMigrations.apply(dataSource, target.kind());
    }
}

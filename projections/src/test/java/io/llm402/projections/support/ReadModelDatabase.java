package io.llm402.projections.support;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A fresh SQLite file with the read-model migrations applied, for projection unit tests. */
public final class ReadModelDatabase {

    private ReadModelDatabase() {
    }

    public static JdbcClient migrated(Path directory) {
        return JdbcClient.create(migratedOperations(directory));
    }

    public static JdbcTemplate migratedOperations(Path directory) {
        SingleConnectionDataSource dataSource =
                new SingleConnectionDataSource("jdbc:sqlite:" + directory.resolve("read.db"), true);
        // In the application the event store's migrations (which create Axon's TokenEntry) run first.
        new JdbcTemplate(dataSource).execute(
                "CREATE TABLE IF NOT EXISTS TokenEntry (processorName VARCHAR(255) NOT NULL, segment INTEGER NOT NULL)");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/projections")
                .table("flyway_projections_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return new JdbcTemplate(dataSource);
    }
}

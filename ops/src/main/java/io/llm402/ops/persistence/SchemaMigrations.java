package io.llm402.ops.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the schema with Flyway, in two histories so each can evolve on its own: the event store and
 * token store (DDL per database, because Axon's table factories emit identity syntax SQLite rejects), and the read
 * models of the {@code projections} module (portable DDL). Beans that touch tables depend on this bean.
 */
public final class SchemaMigrations {

    private final DataSource dataSource;
    private final DatabaseKind kind;

    private SchemaMigrations(DataSource dataSource, DatabaseKind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    /** Brings the schema of {@code dataSource} up to date. */
    public static SchemaMigrations apply(DataSource dataSource, DatabaseKind kind) {
        SchemaMigrations migrations = new SchemaMigrations(dataSource, kind);
        migrations.migrate();
        return migrations;
    }

    private void migrate() {
        run("classpath:db/axon/" + kind.wireName(), "flyway_axon_history");
        run("classpath:db/projections", "flyway_projections_history");
    }

    private void run(String location, String historyTable) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .table(historyTable)
                // Both histories share one schema: the second must not refuse a schema the first already filled.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    public DatabaseKind kind() {
        return kind;
    }
}

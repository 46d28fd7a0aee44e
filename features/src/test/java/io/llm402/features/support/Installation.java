package io.llm402.features.support;

import io.llm402.ops.testsupport.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One operator's installation for a scenario: a data directory, a fresh database of the kind under test
 * ({@code -Dllm402.test.db}), and the bootstrap file the gateway is started with.
 */
public final class Installation {

    private final Path dataDir;
    private final TestDatabases.FreshDatabase database;
    private @Nullable Path bootstrap;
    private int starts;
    private final Map<String, String> extraEnvironment = new HashMap<>();

    public Installation() throws IOException {
        this.dataDir = Files.createTempDirectory("llm402-feature-");
        this.database = TestDatabases.create();
    }

    public void useBootstrap(String yaml) throws IOException {
        bootstrap = dataDir.resolve("bootstrap.yaml");
        Files.writeString(bootstrap, yaml);
    }

    /** The bootstrap file, for nodes started with {@link #startNode}. */
    public Path bootstrapFile() {
        if (bootstrap == null) {
            throw new IllegalStateException("no bootstrap file: call useBootstrap first");
        }
        return bootstrap;
    }

    public void editBootstrap(String from, String to) throws IOException {
        String yaml = Files.readString(bootstrap);
        if (!yaml.contains(from)) {
            throw new IllegalArgumentException("the bootstrap file has no \"" + from + "\"");
        }
        Files.writeString(bootstrap, yaml.replace(from, to));
    }

    /** Runs a query against the installation's database (the test reads what an operator's SQL client would). */
    public <T> T query(String sql, SqlReader<T> reader) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return reader.read(rows);
        }
    }

    /** A connection to the installation's database, for seeding read models in bulk (a benchmark's data). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    @FunctionalInterface
    public interface SqlReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private String jdbcUrl() {
        return database.sqlDsn() != null ? database.sqlDsn()
                : "jdbc:sqlite:" + dataDir.resolve("data").resolve("llm402.db");
    }

    /** Sets an environment variable for every later start (a Spring property in its environment form). */
    public void setEnvironment(String name, String value) {
        extraEnvironment.put(name, value);
    }

    /**
     * Starts one more node on the same database, with a data directory (and so a node identity) of its own and the
     * extra environment given (cluster membership and shared secrets).
     */
    public GatewayProcess startNode(String node, Map<String, String> environment) throws IOException {
        Map<String, String> all = new HashMap<>(extraEnvironment);
        all.putAll(environment);
        all.put("LLM402_DATA_DIR", dataDir.resolve(node).toString());
        if (database.sqlDsn() != null) {
            all.put("SQL_DSN", database.sqlDsn());
        }
        starts++;
        return GatewayProcess.start(all, dataDir.resolve(node + "-" + starts + ".log"));
    }

    /** Whether this installation's database can be shared by several nodes (not the embedded SQLite file). */
    public boolean shareable() {
        return database.sqlDsn() != null;
    }

    /** Runs a sub-command of the jar against this installation (its data directory and database). */
    public Run run(List<String> arguments) throws IOException, InterruptedException {
        Map<String, String> environment = environment();
        starts++;
        Path output = dataDir.resolve("command-" + starts + ".log");
        int exit = GatewayProcess.runCommand(environment, output, arguments);
        return new Run(exit, Files.readString(output));
    }

    /** What a sub-command ended with and printed. */
    public record Run(int exitCode, String output) {
    }

    public GatewayProcess start() throws IOException {
        Map<String, String> environment = environment();
        starts++;
        return GatewayProcess.start(environment, dataDir.resolve("gateway-" + starts + ".log"));
    }

    /** Where this installation's data lives. */
    public Path dataDirectory() {
        return dataDir;
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        environment.put("LLM402_DATA_DIR", dataDir.resolve("data").toString());
        if (bootstrap != null) {
            environment.put("LLM402_BOOTSTRAP", bootstrap.toString());
        }
        if (database.sqlDsn() != null) {
            environment.put("SQL_DSN", database.sqlDsn());
        }
        return environment;
    }

    /** Rows in the event store; zero when its table does not exist yet. */
    public long events() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl()); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).toLowerCase().contains("domainevententry")
                    || String.valueOf(e.getMessage()).contains("no such table")) {
                return 0;
            }
            throw e;
        }
    }
}

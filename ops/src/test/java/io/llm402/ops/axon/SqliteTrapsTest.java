package io.llm402.ops.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.ops.persistence.DatabaseKind;
import io.llm402.ops.persistence.SchemaMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The two sqlite-jdbc incompatibilities Axon hits, each shown failing without its adaptation and passing with it.
 */
class SqliteTrapsTest {

    @TempDir
    Path dir;
    private SingleConnectionDataSource dataSource;
    private final Serializer serializer =
            JacksonSerializer.builder().objectMapper(AxonStorageConfiguration.eventObjectMapper()).build();

    @BeforeEach
    void setUp() {
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + dir.resolve("traps.db"), true);
        SchemaMigrations.apply(dataSource, DatabaseKind.SQLITE);
    }

    @Test
    void theDriverThrowsOnANullLongWhereJdbcSaysNull() throws SQLException {
        String sql = "SELECT MAX(globalIndex) FROM DomainEventEntry";
        try (Connection raw = dataSource.getConnection(); PreparedStatement statement = raw.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            assertThatThrownBy(() -> rows.getObject(1, Long.class)).isInstanceOf(SQLException.class);
        }
        try (Connection compat = SqliteJdbcCompat.wrap(dataSource.getConnection());
             PreparedStatement statement = compat.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            assertThat(rows.getObject(1, Long.class)).isNull();
        }
    }

    @Test
    void anEmptyStoreGivesAHeadTokenThroughTheCompatibilityLayer() {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(() -> SqliteJdbcCompat.wrap(dataSource.getConnection()))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        assertThat(engine.createHeadToken()).isNull();
    }

    @Test
    void tokensAreClaimedWithoutForUpdate() {
        ConnectionProvider connections = dataSource::getConnection;
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder().connectionProvider(connections)
                .serializer(serializer);
        JdbcTokenStore plain = builder.build();
        assertThatThrownBy(() -> {
            plain.initializeTokenSegments("plain", 1);
            plain.fetchToken("plain", 0);
        }).hasStackTraceContaining("near \"FOR\"");

        SqliteTokenStore adapted = new SqliteTokenStore(builder);
        adapted.initializeTokenSegments("adapted", 1);
        assertThat(adapted.fetchToken("adapted", 0)).isNull();
    }
}

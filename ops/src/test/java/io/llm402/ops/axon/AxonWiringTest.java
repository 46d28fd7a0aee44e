package io.llm402.ops.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llm402.domain.pricing.api.DefineGroupCommand;
import io.llm402.domain.shared.Ratio;
import io.llm402.ops.testsupport.Llm402AppTest;
import io.llm402.ops.testsupport.TestDatabases;
import io.llm402.projections.catalog.api.GroupView;
import io.llm402.projections.catalog.api.ListGroupsQuery;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import io.llm402.projections.access.AccessProjection;
import io.llm402.projections.catalog.CatalogProjection;
import io.llm402.projections.ledger.LedgerBookProjection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** Guards the Axon 4.13 on Boot 4 traps (DESIGN §1): without the ordering shim none of this is wired. */
@Llm402AppTest
class AxonWiringTest {

    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    Environment environment;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    EventProcessingConfiguration eventProcessing;

    @Test
    void theEventStoreIsTheJdbcOne() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
    }

    @Test
    void axonRunsInSpringTransactions() {
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void sqliteClaimsTokensWithoutForUpdate() {
        assertThat(tokenStore).isInstanceOf(TestDatabases.kind().equals("sqlite")
                ? SqliteTokenStore.class
                : org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore.class);
    }

    @Test
    void axonNeitherPhonesHomeNorLooksForAxonServer() {
        assertThat(environment.getProperty("axon.update-check.disabled")).isEqualTo("true");
        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("false");
    }

    @Test
    void aProjectionThatFailsRetriesInsteadOfSkippingTheEvent() {
        for (String group : List.of(AccessProjection.PROCESSING_GROUP, CatalogProjection.PROCESSING_GROUP,
                LedgerBookProjection.PROCESSING_GROUP)) {
            assertThat(eventProcessing.listenerInvocationErrorHandler(group))
                    .as(group).isInstanceOf(PropagatingErrorHandler.class);
        }
    }

    @Test
    void commandsReachTheProjectionsThroughTheStore() {
        String group = "wiring-" + UUID.randomUUID().toString().substring(0, 8);
        commands.sendAndWait(new DefineGroupCommand(group, Ratio.of("0.9")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<GroupView> groups = queries.query(new ListGroupsQuery(),
                    ResponseTypes.multipleInstancesOf(GroupView.class)).join();
            assertThat(groups).contains(new GroupView(group, 900_000L));
        });
    }
}

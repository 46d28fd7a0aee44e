package io.llm402.ops.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llm402.domain.pricing.api.DefineGroupCommand;
import io.llm402.domain.shared.Ratio;
import io.llm402.ops.testsupport.Llm402AppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Concurrent appends while the processors write tokens and read models: on SQLite this failed with SQLITE_BUSY
 * before WAL + IMMEDIATE transactions (stack-evidence §2). A true conflict must still surface as Axon's
 * ConcurrencyException, on every database.
 */
@Llm402AppTest
class ConcurrentAppendsTest {

    private static final int THREADS = 8;
    private static final int COMMANDS_PER_THREAD = 25;

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentCommandsAllSucceedAndAreProjected() throws Exception {
        String prefix = "busy-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < COMMANDS_PER_THREAD; i++) {
                        commands.sendAndWait(new DefineGroupCommand(prefix + thread + "-" + i, Ratio.of("1.1")));
                    }
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(jdbc.sql("SELECT COUNT(*) FROM price_groups WHERE group_name LIKE ?")
                        .param(prefix + "%").query(Long.class).single())
                        .isEqualTo(THREADS * COMMANDS_PER_THREAD));
    }

    @Test
    void aRaceForTheSameSequenceNumberIsAConcurrencyConflict() {
        String aggregate = "race-" + UUID.randomUUID();
        storageEngine.appendEvents(new GenericDomainEventMessage<>("Race", aggregate, 0, "first"));
        storageEngine.appendEvents(new GenericDomainEventMessage<>("Race", aggregate, 1, "second"));

        assertThatThrownBy(() -> storageEngine.appendEvents(
                new GenericDomainEventMessage<>("Race", aggregate, 1, "second, again")))
                .isInstanceOf(ConcurrencyException.class);
    }
}

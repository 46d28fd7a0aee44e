package io.llm402.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** Counts the storage engine's append calls: one per transaction. */
    private static final class CountingEngine extends InMemoryEventStorageEngine {
        final List<Integer> appends = new CopyOnWriteArrayList<>();

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            appends.add(events.size());
            super.appendEvents(events);
        }
    }

    @Test
    void eventsHandedInTogetherAreAppendedInOneTransaction() throws Exception {
        CountingEngine engine = new CountingEngine();
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        try (GroupCommit appender = new GroupCommit(store, Duration.ofMillis(50), 1_000, 10_000)) {
            List<CompletableFuture<Void>> durable = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                durable.add(appender.append(List.of(GenericEventMessage.asEventMessage("event " + i))));
            }
            CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();
        }
        assertThat(engine.appends.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(engine.appends.size()).as("transactions for 100 requests").isLessThan(10);
        store.shutDown();
    }

    @Test
    void aFailingEntryDoesNotFailTheOthersInItsBatch() throws Exception {
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine() {
            @Override
            public void appendEvents(List<? extends EventMessage<?>> events) {
                if (events.stream().anyMatch(e -> "poison".equals(e.getPayload()))) {
                    throw new IllegalStateException("refused");
                }
                super.appendEvents(events);
            }
        };
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        try (GroupCommit appender = new GroupCommit(store, Duration.ofMillis(50), 1_000, 10_000)) {
            CompletableFuture<Void> good = appender.append(List.of(GenericEventMessage.asEventMessage("good")));
            CompletableFuture<Void> bad = appender.append(List.of(GenericEventMessage.asEventMessage("poison")));
            CompletableFuture<Void> after = appender.append(List.of(GenericEventMessage.asEventMessage("after")));
            good.join();
            after.join();
            assertThat(bad).isCompletedExceptionally();
        }
        store.shutDown();
    }
}

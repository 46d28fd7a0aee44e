package io.llm402.ops.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the event store's table directly, for tests that count what was appended. */
public final class EventStoreRows {

    private EventStoreRows() {
    }

    public static long count(JdbcClient jdbc) {
        return jdbc.sql("SELECT COUNT(*) FROM DomainEventEntry").query(Long.class).single();
    }
}

package io.llm402.domain.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for per-request events: requests hand in their events and get a future; one writer thread appends
 * everything that arrived within a short window in a single transaction, then completes the futures. So the store
 * sees one transaction per batch, never one per request (DESIGN §3), and a request can wait for its charge to be
 * durable before it completes its response. Hand-in order is append order, which keeps each allowance's sequence.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final EventStore eventStore;
    private final long windowNanos;
    private final int maxBatchEvents;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private volatile boolean running = true;

    private record Pending(List<? extends EventMessage<?>> events, CompletableFuture<Void> durable) {
    }

    public GroupCommit(EventStore eventStore, Duration window, int maxBatchEvents, int capacity) {
        this.eventStore = eventStore;
        this.windowNanos = window.toNanos();
        this.maxBatchEvents = maxBatchEvents;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().daemon().name("group-commit").start(this::run);
    }

    /** Queues events for the next batch; the future completes once they are committed. */
    public CompletableFuture<Void> append(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return enqueue(events);
    }

    /** Completes once everything queued before it is committed (or failed). */
    public CompletableFuture<Void> flush() {
        return enqueue(List.of());
    }

    private CompletableFuture<Void> enqueue(List<? extends EventMessage<?>> events) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        if (!running) {
            durable.completeExceptionally(new IllegalStateException("the event appender is stopped"));
            return durable;
        }
        try {
            queue.put(new Pending(events, durable));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            durable.completeExceptionally(e);
        }
        return durable;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int events = first.events().size();
                long deadline = System.nanoTime() + windowNanos;
                while (events < maxBatchEvents) {
                    long left = deadline - System.nanoTime();
                    Pending next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    events += next.events().size();
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<EventMessage<?>> all = new ArrayList<>();
        batch.forEach(pending -> all.addAll(pending.events()));
        if (all.isEmpty()) {
            batch.forEach(pending -> pending.durable().complete(null)); // flushes only
            return;
        }
        try {
            eventStore.publish(all);
            batch.forEach(pending -> pending.durable().complete(null));
        } catch (RuntimeException batchFailure) {
            // One bad entry must not fail the others: retry each on its own, in order.
            log.warn("Batch of {} events failed ({}); appending its {} requests one by one", all.size(),
                    batchFailure.toString(), batch.size());
            for (Pending pending : batch) {
                try {
                    eventStore.publish(pending.events());
                    pending.durable().complete(null);
                } catch (RuntimeException failure) {
                    pending.durable().completeExceptionally(failure);
                }
            }
        }
    }

    /** Appends what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(30));
    }
}

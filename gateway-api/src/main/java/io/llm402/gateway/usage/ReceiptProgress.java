package io.llm402.gateway.usage;

import io.llm402.projections.api.ReadModelChangedEvent;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets a receipt look-up wait for the request log instead of polling it: waiters are woken each time the receipts
 * projection commits a batch, and a look-up learns at once that an id is unknown once the projection has passed the
 * event store's head as it was when the look-up began (the request's events are durable before its response
 * completes, so a receipt that is not there by then never will be).
 */
@Component
class ReceiptProgress {

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private long generation;

    ReceiptProgress(EventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    @EventListener
    void on(ReadModelChangedEvent event) {
        if (ReadModelChangedEvent.RECEIPTS.equals(event.readModel())) {
            lock.lock();
            try {
                generation++;
                advanced.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The number of receipt batches committed so far: pass it to {@link #awaitAfter} to miss none in between. */
    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a batch after {@code seen} was committed, or until {@code deadlineNanos}; whether one was. */
    boolean awaitAfter(long seen, long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (generation == seen) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                advanced.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The event store's head now, or {@code null} for an empty store. */
    @Nullable TrackingToken head() {
        return eventStore.createHeadToken();
    }

    /**
     * Whether the receipts projection, on this node, has handled every event up to {@code head}. {@code false} when
     * it cannot be told here (its segments are processed by another node of a cluster). On PostgreSQL a processor
     * can be past the head with an earlier event still in its gaps (committed late), and that event may be the very
     * request asked about: the gaps count (found by the SDK test on the PostgreSQL run).
     */
    boolean passed(@Nullable TrackingToken head) {
        if (head == null) {
            return true;
        }
        var status = processing.eventProcessor(ReadModelChangedEvent.RECEIPTS_PROCESSING_GROUP,
                StreamingEventProcessor.class).map(StreamingEventProcessor::processingStatus).orElse(Map.of());
        return !status.isEmpty() && status.values().stream()
                .allMatch(segment -> segment.getTrackingToken() != null
                        && processedUpTo(segment.getTrackingToken(), head));
    }

    /** Every event up to {@code head}'s position handled: past it, and no gap (a late-committed event) at or below. */
    static boolean processedUpTo(TrackingToken token, TrackingToken head) {
        TrackingToken done = WrappedToken.unwrapLowerBound(token);
        if (done instanceof GapAwareTrackingToken gapAware) {
            long headIndex = head.position().orElse(Long.MAX_VALUE);
            return gapAware.getIndex() >= headIndex && (gapAware.getGaps().isEmpty()
                    || gapAware.getGaps().first() > headIndex);
        }
        return done.covers(head);
    }
}

package io.llm402.ops.axon;

import java.time.Duration;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * How far a tracking processor has come, whichever node of the cluster runs it: from this node's own segments when
 * it holds them, else from the positions in the shared token store (which the read model's writes commit with). A
 * node that does not own a processor must not wait for a status only the owner has.
 */
@Component
public class ProcessorProgress {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final StoredTokens storedTokens;

    public ProcessorProgress(EventProcessingConfiguration processing, EventStore eventStore,
                             StoredTokens storedTokens) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.storedTokens = storedTokens;
    }

    /** The store's head: the position of the last event appended, -1 when there is none. */
    public long head() {
        var token = eventStore.createHeadToken();
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** The processor's position (its slowest segment), or empty before it has one. */
    public OptionalLong position(String processingGroup) {
        StreamingEventProcessor processor = processor(processingGroup);
        var status = processor.processingStatus();
        if (!status.isEmpty()) {
            long lowest = Long.MAX_VALUE;
            for (var segment : status.values()) {
                lowest = Math.min(lowest, segment.getCurrentPosition().orElse(-1));
            }
            return OptionalLong.of(lowest);
        }
        return storedTokens.lowestPosition(processingGroup);
    }

    /** Whether this node holds any of the processor's segments. */
    public boolean ownedHere(String processingGroup) {
        return !processor(processingGroup).processingStatus().isEmpty();
    }

    /** Waits until the processor has handled every event stored when the wait began. */
    public void awaitCaughtUp(String processingGroup, Duration timeout) {
        long head = head();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (position(processingGroup).orElse(-1) < head) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(processingGroup + " did not catch up within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private StreamingEventProcessor processor(String processingGroup) {
        return processing.eventProcessor(processingGroup, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no event processor " + processingGroup));
    }
}

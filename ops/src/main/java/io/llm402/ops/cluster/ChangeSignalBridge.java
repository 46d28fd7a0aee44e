package io.llm402.ops.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.llm402.projections.api.ReadModelChangedEvent;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Carries read-model change signals between nodes. A projection runs on one node; without this, the other nodes'
 * key and catalog caches learned of a disabled key or a changed price only from their periodic backstop (5 s). Each
 * access or catalog change committed here is published on a Hazelcast reliable topic, and a signal from another
 * member is re-published here as the same in-process event, so every node reloads within a topic hop.
 */
@Component
public class ChangeSignalBridge {

    static final String TOPIC = "llm402.read-model-changes";
    private static final Set<String> SHARED = Set.of(ReadModelChangedEvent.ACCESS, ReadModelChangedEvent.CATALOG);

    private final ITopic<String> topic;
    private final ApplicationEventPublisher publisher;
    private final String self;
    /** Set while a remote signal is re-published here, so it is not sent back out. */
    private final ThreadLocal<Boolean> relaying = ThreadLocal.withInitial(() -> false);

    public ChangeSignalBridge(HazelcastInstance hazelcast, ApplicationEventPublisher publisher) {
        this.topic = hazelcast.getReliableTopic(TOPIC);
        this.publisher = publisher;
        UUID member = hazelcast.getCluster().getLocalMember().getUuid();
        this.self = member.toString();
        topic.addMessageListener(message -> received(message.getMessageObject()));
    }

    @EventListener
    void on(ReadModelChangedEvent event) {
        if (relaying.get() || !SHARED.contains(event.readModel())) {
            return;
        }
        topic.publishAsync(event.readModel() + "|" + self);
    }

    void received(String message) {
        int bar = message.indexOf('|');
        if (bar < 0 || message.substring(bar + 1).equals(self)) {
            return;
        }
        relaying.set(true);
        try {
            publisher.publishEvent(new ReadModelChangedEvent(message.substring(0, bar)));
        } finally {
            relaying.set(false);
        }
    }
}

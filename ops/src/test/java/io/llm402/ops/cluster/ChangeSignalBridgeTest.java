package io.llm402.ops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.llm402.ops.testsupport.HazelcastMembers;
import io.llm402.projections.api.ReadModelChangedEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A key or catalog change projected on one member reaches the other's caches through the topic, once. */
class ChangeSignalBridgeTest {

    private final HazelcastMembers cluster = new HazelcastMembers(5981, 5982);

    private HazelcastInstance member(int port) {
        return cluster.start(port - 5981);
    }

    @AfterEach
    void stop() {
        cluster.terminateAll();
    }

    @Test
    void aChangeOnOneMemberIsSignalledOnTheOtherAndNotEchoedBack() throws InterruptedException {
        List<Object> onA = new CopyOnWriteArrayList<>();
        List<Object> onB = new CopyOnWriteArrayList<>();
        ChangeSignalBridge a = new ChangeSignalBridge(member(5981), onA::add);
        ChangeSignalBridge b = new ChangeSignalBridge(member(5982), event -> {
            onB.add(event);
            // What Spring does: the re-published event reaches this node's listeners, the bridge's included.
            b(event);
        });
        bridgeB = b;

        long start = System.nanoTime();
        a.on(new ReadModelChangedEvent(ReadModelChangedEvent.ACCESS));
        a.on(new ReadModelChangedEvent(ReadModelChangedEvent.RECEIPTS)); // stays local
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !onB.isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        Thread.sleep(300);
        assertThat(onB).containsExactly(new ReadModelChangedEvent(ReadModelChangedEvent.ACCESS));
        assertThat(onA).as("nothing comes back to the node that changed").isEmpty();
    }

    private ChangeSignalBridge bridgeB;

    private void b(Object event) {
        if (bridgeB != null && event instanceof ReadModelChangedEvent changed) {
            bridgeB.on(changed);
        }
    }
}

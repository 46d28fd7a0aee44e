package io.llm402.ops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.llm402.projections.api.ReadModelChangedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A key or catalog change projected on one member reaches the other's caches through the topic, once. */
class ChangeSignalBridgeTest {

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final String cluster = "bridge-test-" + System.nanoTime();

    private HazelcastInstance member(int port) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        var join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:5981").addMember("127.0.0.1:5982");
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        members.add(member);
        return member;
    }

    @AfterEach
    void stop() {
        members.forEach(member -> member.getLifecycleService().terminate());
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

package io.llm402.ops.testsupport;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.llm402.ops.limits.HazelcastRequestLimiter;
import java.util.ArrayList;
import java.util.List;

/**
 * Real Hazelcast members of one throwaway cluster in this JVM, on loopback ports listed up front (TCP-IP join, as the
 * gateway's clustered configuration), for tests of what the nodes share. {@link #terminateAll()} is a crash of each.
 */
public final class HazelcastMembers {

    private final String cluster = "test-" + System.nanoTime();
    private final int[] ports;
    private final List<HazelcastInstance> started = new ArrayList<>();

    public HazelcastMembers(int... ports) {
        this.ports = ports;
    }

    /** Starts the member on the {@code index}-th port; the rate-limit maps are configured as the gateway's. */
    public HazelcastInstance start(int index) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getNetworkConfig().setPort(ports[index]).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        var join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int port : ports) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }
        for (String map : List.of(HazelcastRequestLimiter.MAP, HazelcastRequestLimiter.SLOTS)) {
            config.addMapConfig(new MapConfig(map).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1));
        }
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        started.add(member);
        return member;
    }

    public void terminateAll() {
        started.forEach(member -> member.getLifecycleService().terminate());
    }
}

package io.llm402.ops.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.llm402.gateway.billing.NodeIdentity;
import io.llm402.ops.config.Llm402Properties;
import io.llm402.ops.limits.HazelcastRequestLimiter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Hazelcast member: it holds rate-limit windows, login sessions, login throttles and the change signals
 * between nodes (never money: that is in the event store). Alone, it listens on loopback only and joins nobody; with
 * {@code HAZELCAST_MEMBERS} it joins those members over TCP-IP on the one interface it is given
 * ({@code HAZELCAST_INTERFACE}, else the member address that belongs to this host), never on all of them. Multicast
 * and cloud discovery stay off, it never phones home, and its member attribute {@value #NODE_ATTRIBUTE} names this
 * node's ledger id, so the others know whose allowances to recover when it dies.
 */
@Configuration(proxyBeanMethods = false)
public class HazelcastConfiguration {

    public static final String CLUSTER_NAME = "llm402";
    public static final String NODE_ATTRIBUTE = "llm402.node";

    @Bean
    Config hazelcastConfig(Llm402Properties properties, NodeIdentity node) {
        if (properties.clustered() && properties.embeddedDatabase()) {
            throw new IllegalStateException("HAZELCAST_MEMBERS is set but the database is the embedded SQLite file: "
                    + "every node would keep its own ledger. A cluster needs one shared database (SQL_DSN, PostgreSQL "
                    + "or MySQL); unset HAZELCAST_MEMBERS to run a single node on SQLite.");
        }
        Config config = new Config();
        config.setClusterName(CLUSTER_NAME);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // Spring stops the member in order; Hazelcast's own hook would race it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // A member that stops answering is declared dead after 15 s instead of 60 s: its allowances are recovered
        // and its partitions promoted sooner (a killed process is noticed at once through its closed sockets).
        config.setProperty("hazelcast.heartbeat.interval.seconds", "2");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getMemberAttributeConfig().setAttribute(NODE_ATTRIBUTE, node.nodeId());
        // Windows are changed in place by entry processors; the synchronous backup keeps every count when a member
        // dies.
        config.addMapConfig(new MapConfig(HazelcastRequestLimiter.MAP).setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(1));
        config.addMapConfig(new MapConfig(HazelcastRequestLimiter.SLOTS).setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(1));

        NetworkConfig network = config.getNetworkConfig();
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (properties.clustered()) {
            List<String> members = properties.hazelcastMembers().stream().map(String::trim)
                    .filter(m -> !m.isEmpty()).toList();
            // The cluster's members are listed with their ports: a taken port must fail loudly, not move.
            network.setPort(properties.hazelcastPort()).setPortAutoIncrement(false);
            join.getTcpIpConfig().setEnabled(true);
            members.forEach(member -> join.getTcpIpConfig().addMember(member));
            network.getInterfaces().setEnabled(true).addInterface(bindAddress(properties, members));
        } else {
            network.setPort(properties.hazelcastPort()).setPortAutoIncrement(true);
            join.getTcpIpConfig().setEnabled(false);
            network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        }
        return config;
    }

    /** {@code HAZELCAST_INTERFACE}, else the first listed member whose host is an address of this machine. */
    static String bindAddress(Llm402Properties properties, List<String> members) {
        String configured = properties.hazelcastInterface();
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        for (String member : members) {
            String host = member.contains(":") ? member.substring(0, member.lastIndexOf(':')) : member;
            try {
                InetAddress address = InetAddress.getByName(host);
                if (address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null) {
                    return address.getHostAddress();
                }
            } catch (IOException e) {
                // not this host
            }
        }
        throw new IllegalStateException("None of HAZELCAST_MEMBERS is an address of this machine: set "
                + "HAZELCAST_INTERFACE to the address this node's member should listen on.");
    }
}

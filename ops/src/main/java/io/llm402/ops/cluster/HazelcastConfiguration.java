package io.llm402.ops.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.llm402.ops.config.Llm402Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Hazelcast member: meant for rate limits, sessions and caches (never money); today it holds none of them
 * and only reports the cluster's members. Alone, it listens on loopback only and
 * joins nobody; with {@code HAZELCAST_MEMBERS} it joins those members over TCP-IP. Multicast and cloud discovery
 * stay off, and it never phones home.
 */
@Configuration(proxyBeanMethods = false)
public class HazelcastConfiguration {

    public static final String CLUSTER_NAME = "llm402";

    @Bean
    Config hazelcastConfig(Llm402Properties properties) {
        Config config = new Config();
        config.setClusterName(CLUSTER_NAME);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // Spring stops the member in order; Hazelcast's own hook would race it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(properties.hazelcastPort()).setPortAutoIncrement(true);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (properties.clustered()) {
            join.getTcpIpConfig().setEnabled(true);
            properties.hazelcastMembers().stream().map(String::trim).filter(m -> !m.isEmpty())
                    .forEach(member -> join.getTcpIpConfig().addMember(member));
        } else {
            join.getTcpIpConfig().setEnabled(false);
            config.setProperty("hazelcast.socket.bind.any", "false");
            network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        }
        return config;
    }
}

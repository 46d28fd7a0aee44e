package io.llm402.ops.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.llm402.domain.ledger.api.LedgerNodes;
import io.llm402.gateway.billing.NodeIdentity;
import io.llm402.ops.config.Llm402Properties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This node's stable name ({@code LLM402_NODE_ID}, else generated once and kept in the data directory): the
 * allowances a node funds are its own, and after a restart it recovers exactly those.
 */
@Configuration(proxyBeanMethods = false)
public class NodeConfiguration {

    /** The cluster's members fund from the same wallets: the ledger sizes tranches by how many there are. */
    @Bean
    LedgerNodes ledgerNodes(HazelcastInstance hazelcast) {
        return () -> Math.max(1, hazelcast.getCluster().getMembers().size());
    }

    @Bean
    NodeIdentity nodeIdentity(Llm402Properties properties, @Value("${LLM402_NODE_ID:}") String configured) {
        if (!configured.isBlank()) {
            return new NodeIdentity(configured.trim());
        }
        Path file = properties.dataDir().resolve("node-id");
        try {
            if (Files.exists(file)) {
                return new NodeIdentity(Files.readString(file).trim());
            }
            Files.createDirectories(properties.dataDir());
            String id = "node-" + UUID.randomUUID();
            Files.writeString(file, id + "\n");
            return new NodeIdentity(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}

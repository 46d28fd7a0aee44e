package io.llm402.ops.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.llm402.gateway.billing.NodeIdentity;
import io.llm402.ops.config.Llm402Properties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazelcastConfigurationTest {

    private static final NodeIdentity NODE = new NodeIdentity("node-a");

    @Test
    void aSingleNodeListensOnLoopbackAndJoinsNobody() {
        Config config = new HazelcastConfiguration().hazelcastConfig(properties(List.of()), NODE);
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    }

    @Test
    void hazelcastMembersAreJoinedOverTcpIp() {
        Config config = new HazelcastConfiguration()
                .hazelcastConfig(properties(List.of("10.0.0.1:5701", " 10.0.0.2:5701")), NODE);
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getClusterName()).isEqualTo("llm402");
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.0.9");
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        assertThat(config.getMemberAttributeConfig().getAttribute("llm402.node")).isEqualTo("node-a");
    }

    @Test
    void withoutAnInterfaceTheMemberBindsTheListedAddressThatIsThisHost() {
        Llm402Properties properties = new Llm402Properties(Path.of("data"), "postgres://x", null, "s".repeat(32),
                "c".repeat(32), List.of("10.255.255.1:5701", "127.0.0.1:5702"), 5702, null);
        Config config = new HazelcastConfiguration().hazelcastConfig(properties, NODE);
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    }

    @Test
    void aClusterOnTheEmbeddedDatabaseIsRefusedAtStart() {
        Llm402Properties properties = new Llm402Properties(Path.of("data"), null, null, "s".repeat(32),
                "c".repeat(32), List.of("127.0.0.1:5701"), 5701, null);
        assertThatThrownBy(() -> new HazelcastConfiguration().hazelcastConfig(properties, NODE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SQL_DSN");
    }

    private static Llm402Properties properties(List<String> members) {
        return new Llm402Properties(Path.of("data"), members.isEmpty() ? null : "postgres://db/llm402", null,
                "s".repeat(32), "c".repeat(32), members, 5701, members.isEmpty() ? null : "10.0.0.9");
    }
}

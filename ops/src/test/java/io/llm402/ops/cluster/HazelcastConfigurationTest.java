package io.llm402.ops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.llm402.ops.config.Llm402Properties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazelcastConfigurationTest {

    @Test
    void aSingleNodeListensOnLoopbackAndJoinsNobody() {
        Config config = new HazelcastConfiguration().hazelcastConfig(properties(List.of()));
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
                .hazelcastConfig(properties(List.of("10.0.0.1:5701", " 10.0.0.2:5701")));
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getClusterName()).isEqualTo("llm402");
    }

    private static Llm402Properties properties(List<String> members) {
        return new Llm402Properties(Path.of("data"), null, null, "s".repeat(32), "c".repeat(32), members, 5701);
    }
}

package io.llm402.ops.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The login throttle's two budgets, per client address and per account, on a real (lone) Hazelcast member. */
class HazelcastLoginThrottleTest {

    private static HazelcastInstance hazelcast;

    @BeforeAll
    static void start() {
        Config config = new Config().setClusterName("throttle-test-" + System.nanoTime());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(5951).setPortAutoIncrement(true).getJoin().getMulticastConfig()
                .setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.setProperty("hazelcast.socket.bind.any", "false");
        hazelcast = Hazelcast.newHazelcastInstance(config);
    }

    @AfterAll
    static void stop() {
        hazelcast.shutdown();
    }

    private HazelcastLoginThrottle throttle(String name) {
        return new HazelcastLoginThrottle(hazelcast.getMap(name), 5, 3, Duration.ofMinutes(15));
    }

    @Test
    void anAccountGetsThreeWrongAttemptsAndASuccessResetsIt() {
        HazelcastLoginThrottle throttle = throttle("account");
        assertThat(throttle.tryAttempt("10.0.0.1", "Alice")).isTrue();
        throttle.succeeded("10.0.0.1", "alice");
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAttempt("10.0.0." + (i + 2), "alice")).isTrue();
        }
        assertThat(throttle.tryAttempt("10.0.0.9", "ALICE")).as("names count case-insensitively").isFalse();
        assertThat(throttle.tryAttempt("10.0.0.9", "bob")).isTrue();
    }

    @Test
    void anAddressGetsFiveWrongAttemptsWhateverTheAccounts() {
        HazelcastLoginThrottle throttle = throttle("address");
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt("192.0.2.1", "user-" + i)).isTrue();
        }
        assertThat(throttle.tryAttempt("192.0.2.1", "someone-else")).isFalse();
        assertThat(throttle.tryAttempt("192.0.2.2", "someone-else")).isTrue();
    }

    @Test
    void successfulLoginsDoNotUseTheAddressBudget() {
        HazelcastLoginThrottle throttle = throttle("successes");
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.tryAttempt("198.51.100.1", "user-" + i)).isTrue();
            throttle.succeeded("198.51.100.1", "user-" + i);
        }
    }
}

package io.llm402.ops.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.llm402.gateway.limits.RateLimitVerdict;
import io.llm402.gateway.limits.RequestWindow;
import io.llm402.gateway.limits.WindowLimit;
import io.llm402.ops.testsupport.HazelcastMembers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limiter on a real two-member Hazelcast cluster in this JVM: both members count against one window, exactly; a
 * member that dies mid-window takes no count with it; a store that is gone lets requests through (fail open) or
 * refuses them (fail closed), as configured.
 */
class HazelcastRequestLimiterTest {

    private static final WindowLimit TEN_A_MINUTE = new WindowLimit(60_000, 10, 0);
    private final HazelcastMembers cluster = new HazelcastMembers(5971, 5972);

    private HazelcastInstance member(int port) {
        return cluster.start(port - 5971);
    }

    private static HazelcastRequestLimiter limiter(HazelcastInstance member, boolean failClosed) {
        return limiter(member, failClosed, "node-" + member.getCluster().getLocalMember().getAddress().getPort());
    }

    private static HazelcastRequestLimiter limiter(HazelcastInstance member, boolean failClosed, String node) {
        return new HazelcastRequestLimiter(member.getMap(HazelcastRequestLimiter.MAP),
                member.getMap(HazelcastRequestLimiter.SLOTS), node, Clock.systemUTC(), Duration.ofSeconds(2),
                failClosed, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        cluster.terminateAll();
    }

    @Test
    void twoMembersShareOneLimitExactly() throws Exception {
        HazelcastRequestLimiter first = limiter(member(5971), false);
        HazelcastRequestLimiter second = limiter(member(5972), false);
        WindowLimit limit = new WindowLimit(60_000, 200, 0);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            HazelcastRequestLimiter on = i % 2 == 0 ? first : second;
            calls.add(threads.submit((Callable<Boolean>) () -> on.admit("model-requests:u1", limit).admitted()));
        }
        int admitted = 0;
        for (Future<Boolean> call : calls) {
            admitted += call.get() ? 1 : 0;
        }
        threads.shutdown();
        assertThat(admitted).isEqualTo(200);
    }

    @Test
    void aMemberThatDiesMidWindowLosesNoCount() {
        HazelcastInstance a = member(5971);
        HazelcastInstance b = member(5972);
        HazelcastRequestLimiter onA = limiter(a, false);
        HazelcastRequestLimiter onB = limiter(b, false);
        // Subjects owned by either member, so the dead one surely owned some.
        for (int subject = 0; subject < 20; subject++) {
            for (int i = 0; i < 6; i++) {
                assertThat((i % 2 == 0 ? onA : onB).admit("s" + subject, TEN_A_MINUTE).admitted()).isTrue();
            }
        }
        b.getLifecycleService().terminate();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> a.getCluster().getMembers().size() == 1);
        for (int subject = 0; subject < 20; subject++) {
            for (int i = 0; i < 4; i++) {
                assertThat(onA.admit("s" + subject, TEN_A_MINUTE).admitted()).as("subject %d", subject).isTrue();
            }
            assertThat(onA.admit("s" + subject, TEN_A_MINUTE).outcome())
                    .as("subject %d kept its 6 earlier requests", subject)
                    .isEqualTo(RateLimitVerdict.Outcome.TOTAL_REACHED);
        }
    }

    @Test
    void successesRecordedOnOneMemberLimitTheOther() {
        HazelcastInstance a = member(5971);
        HazelcastRequestLimiter first = limiter(a, false);
        HazelcastRequestLimiter second = limiter(member(5972), false);
        WindowLimit limit = new WindowLimit(60_000, 0, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(first.admit("u2", limit).admitted()).isTrue();
            first.succeeded("u2", limit);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                second.admit("u2", limit).outcome() == RateLimitVerdict.Outcome.SUCCESS_REACHED);
        RequestWindow stored = a.<String, RequestWindow>getMap(HazelcastRequestLimiter.MAP).get("u2");
        assertThat(stored.successCount(System.currentTimeMillis())).isEqualTo(3);
    }

    @Test
    void inFlightSlotsAreSharedAndADeadNodesSlotsAreDroppedBySurvivors() {
        HazelcastInstance a = member(5971);
        HazelcastInstance b = member(5972);
        HazelcastRequestLimiter onA = limiter(a, false, "node-a");
        HazelcastRequestLimiter onB = limiter(b, false, "node-b");
        assertThat(onA.acquireSlot("key:k1", 3).admitted()).isTrue();
        assertThat(onB.acquireSlot("key:k1", 3).admitted()).isTrue();
        assertThat(onB.acquireSlot("key:k1", 3).admitted()).isTrue();
        RateLimitVerdict full = onA.acquireSlot("key:k1", 3);
        assertThat(full.outcome()).isEqualTo(RateLimitVerdict.Outcome.TOTAL_REACHED);
        assertThat(full.retryAfterMillis()).isEqualTo(1_000);
        onA.releaseSlot("key:k1");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> onA.acquireSlot("key:k1", 3).admitted());

        b.getLifecycleService().terminate(); // node-b dies holding two slots
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> a.getCluster().getMembers().size() == 1);
        assertThat(onA.acquireSlot("key:k1", 3).admitted()).as("node-b's slots survive its death").isFalse();
        onA.dropSlotsOf("node-b");
        assertThat(onA.acquireSlot("key:k1", 3).admitted()).isTrue();
        assertThat(onA.acquireSlot("key:k1", 3).admitted()).isTrue();
        assertThat(onA.acquireSlot("key:k1", 3).admitted()).as("node-a holds all three now").isFalse();
    }

    @Test
    void aStoreThatIsGoneFailsOpenOrClosedAsConfigured() {
        HazelcastInstance lone = member(5971);
        HazelcastRequestLimiter open = limiter(lone, false);
        HazelcastRequestLimiter closed = limiter(lone, true);
        lone.getLifecycleService().terminate();
        assertThat(open.admit("u3", TEN_A_MINUTE)).isEqualTo(RateLimitVerdict.UNCHECKED);
        assertThat(open.admit("u3", TEN_A_MINUTE).admitted()).isTrue();
        assertThat(closed.admit("u3", TEN_A_MINUTE).outcome()).isEqualTo(RateLimitVerdict.Outcome.UNAVAILABLE);
        open.succeeded("u3", TEN_A_MINUTE); // nothing thrown
        assertThat(open.acquireSlot("key:k", 1).admitted()).isTrue();
        assertThat(closed.acquireSlot("key:k", 1).outcome()).isEqualTo(RateLimitVerdict.Outcome.UNAVAILABLE);
        open.releaseSlot("key:k");
    }
}

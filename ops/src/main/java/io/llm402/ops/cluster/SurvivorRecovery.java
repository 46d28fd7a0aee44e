package io.llm402.ops.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.llm402.domain.ledger.api.LedgerRecovery;
import io.llm402.gateway.billing.NodeIdentity;
import io.llm402.gateway.limits.RequestLimiter;
import io.llm402.ops.axon.ProcessorProgress;
import io.llm402.ops.limits.HazelcastRequestLimiter;
import io.llm402.projections.ledger.LedgerBookProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * When a node leaves the cluster without returning its allowances (killed, crashed, cut off), a survivor resolves
 * them at once instead of waiting for that node to come back: the oldest member claims the recovery in a shared map,
 * waits for the ledger read model to hold the dead node's last events (its processors may first have to move to a
 * survivor), then runs the same recovery a node runs for itself at start — pending reservations expire unbilled,
 * allowances close, remainders return to the wallets. The dead node's in-flight slots are dropped first.
 *
 * <p>Fencing is the event store's: a node that was only cut off and comes back appends to the same allowance streams
 * and collides on their (aggregate, sequence) key, so it cannot spend what was recovered. A node that rejoins under
 * the same id before the recovery starts recovers its allowances itself at start; the survivor then leaves them.
 */
@Component
public class SurvivorRecovery implements MembershipListener, DisposableBean {

    static final String CLAIMS = "llm402.recoveries";
    private static final Logger log = LoggerFactory.getLogger(SurvivorRecovery.class);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(90);

    private final HazelcastInstance hazelcast;
    private final LedgerRecovery recovery;
    private final ProcessorProgress progress;
    private final NodeIdentity self;
    private final RequestLimiter limiter;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("survivor-recovery").factory());
    private final List<Recovered> recent = new CopyOnWriteArrayList<>();

    /** A recovery this node ran for another node. */
    public record Recovered(String node, int allowances, Instant at) {
    }

    public SurvivorRecovery(HazelcastInstance hazelcast, LedgerRecovery recovery, ProcessorProgress progress,
                            NodeIdentity self, RequestLimiter limiter) {
        this.limiter = limiter;
        this.hazelcast = hazelcast;
        this.recovery = recovery;
        this.progress = progress;
        this.self = self;
        hazelcast.getCluster().addMembershipListener(this);
    }

    /** The recoveries this node ran since it started, newest last. */
    public List<Recovered> recent() {
        return List.copyOf(recent);
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        // a joining node recovers its own earlier allowances at start
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        String dead = event.getMember().getAttribute(HazelcastConfiguration.NODE_ATTRIBUTE);
        if (dead == null || dead.equals(self.nodeId()) || !oldestSurvivor()) {
            return;
        }
        worker.execute(() -> {
            dropSlots(dead);
            recover(dead);
        });
    }

    private boolean oldestSurvivor() {
        var members = hazelcast.getCluster().getMembers();
        return !members.isEmpty() && members.iterator().next().localMember();
    }

    /** The dead node's requests are not in flight any more: its in-flight slots go back to their keys and users. */
    private void dropSlots(String dead) {
        if (present(dead)) {
            return;
        }
        if (!(limiter instanceof HazelcastRequestLimiter clusterLimiter)) {
            return;
        }
        try {
            clusterLimiter.dropSlotsOf(dead);
        } catch (RuntimeException e) {
            log.warn("Dropping the in-flight slots of node {} failed: {}", dead, e.toString());
        }
    }

    /** Recovers {@code dead}'s allowances unless it is back, or another member has claimed the work. */
    void recover(String dead) {
        if (present(dead)) {
            return;
        }
        IMap<String, String> claims = hazelcast.getMap(CLAIMS);
        if (claims.putIfAbsent(dead, self.nodeId(), 10, TimeUnit.MINUTES) != null) {
            return;
        }
        try {
            progress.awaitCaughtUp(LedgerBookProjection.PROCESSING_GROUP, CATCH_UP_TIMEOUT);
            if (present(dead)) {
                return; // it came back and recovers its own
            }
            int recovered = recovery.recover(dead);
            recent.add(new Recovered(dead, recovered, Instant.now()));
            log.info("Node {} left the cluster; recovered {} of its allowance(s)", dead, recovered);
        } catch (RuntimeException e) {
            log.warn("Recovering the allowances of node {} failed; it recovers them at its next start: {}", dead,
                    e.toString());
        } finally {
            claims.remove(dead);
        }
    }

    private boolean present(String node) {
        for (Member member : hazelcast.getCluster().getMembers()) {
            if (node.equals(member.getAttribute(HazelcastConfiguration.NODE_ATTRIBUTE))) {
                return true;
            }
        }
        return false;
    }

    /** The node id a member announced, or {@code null} for a member without one. */
    static @Nullable String nodeOf(Member member) {
        return member.getAttribute(HazelcastConfiguration.NODE_ATTRIBUTE);
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}

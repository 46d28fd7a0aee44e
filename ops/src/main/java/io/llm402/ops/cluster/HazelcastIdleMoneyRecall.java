package io.llm402.ops.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.IExecutorService;
import io.llm402.domain.ledger.api.UsageLedger;
import io.llm402.gateway.billing.IdleMoneyRecall;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs {@link UsageLedger#returnIdle} for one user on every member of the cluster at once (a Hazelcast executor task
 * per member) and waits for the returns, at most {@link #WAIT}. A user is recalled at most once per
 * {@link #MIN_INTERVAL} from this node, so a client that keeps asking with too little money cannot make every node
 * work for each of its requests.
 */
@Component
public class HazelcastIdleMoneyRecall implements IdleMoneyRecall {

    static final String EXECUTOR = "llm402.ledger";
    static final String LEDGER = "llm402.usage-ledger";
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(HazelcastIdleMoneyRecall.class);

    private final IExecutorService executor;
    private final Map<String, Long> lastRecall = new ConcurrentHashMap<>();

    public HazelcastIdleMoneyRecall(HazelcastInstance hazelcast, UsageLedger ledger) {
        // The task finds this node's ledger through the member's user context (tasks are serialised, beans are not).
        hazelcast.getUserContext().put(LEDGER, ledger);
        this.executor = hazelcast.getExecutorService(EXECUTOR);
    }

    @Override
    public void recall(String userId) {
        long now = System.nanoTime();
        Long last = lastRecall.get(userId);
        if (last != null && now - last < MIN_INTERVAL.toNanos()) {
            return;
        }
        lastRecall.put(userId, now);
        if (lastRecall.size() > 100_000) {
            lastRecall.clear();
        }
        long deadline = now + WAIT.toNanos();
        try {
            Map<Member, Future<Integer>> returns = executor.submitToAllMembers(new ReturnIdle(userId));
            int returned = 0;
            for (Future<Integer> future : returns.values()) {
                returned += future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            if (returned > 0) {
                log.debug("Recalled {} idle allowance(s) of user {}", returned, userId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The refusal stands; the money comes back when those tranches are returned anyway.
            log.warn("Recalling idle money of user {} did not complete: {}", userId, e.toString());
        }
    }

    /** Runs on each member: returns that member's idle allowances of the user. */
    static final class ReturnIdle implements Callable<Integer>, Serializable, HazelcastInstanceAware {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String userId;
        private transient @Nullable HazelcastInstance hazelcast;

        ReturnIdle(String userId) {
            this.userId = userId;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hazelcast = hazelcastInstance;
        }

        @Override
        public Integer call() {
            Object ledger = hazelcast == null ? null : hazelcast.getUserContext().get(LEDGER);
            return ledger instanceof UsageLedger usage ? usage.returnIdle(userId) : 0;
        }
    }
}

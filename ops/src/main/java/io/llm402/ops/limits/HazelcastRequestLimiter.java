package io.llm402.ops.limits;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import io.llm402.gateway.limits.RateLimitVerdict;
import io.llm402.gateway.limits.RequestLimiter;
import io.llm402.gateway.limits.RequestWindow;
import io.llm402.gateway.limits.WindowLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each subject's {@link RequestWindow} lives in one Hazelcast map entry, changed by an entry processor on the member
 * that owns it (atomic, with a synchronous backup, so a member's death loses no count): one network hop per admitted
 * request at most, and none when the entry is local and the member alone. The success record after a request is
 * sent without waiting. In-flight slots are counted per node in a second map, so a dead node's slots can be dropped.
 * When the store fails or does not answer in time, the request goes through (fail open) with a
 * log line and the {@code llm402.ratelimit.store.failures} metric, unless the operator asked to fail closed.
 */
public class HazelcastRequestLimiter implements RequestLimiter {

    public static final String MAP = "llm402.request-windows";
    /** In-flight slots per subject, counted per node: {@code subject → (node id → slots)}. */
    public static final String SLOTS = "llm402.request-slots";
    private static final Logger log = LoggerFactory.getLogger(HazelcastRequestLimiter.class);
    private static final long LOG_EVERY_MILLIS = 10_000;

    private final IMap<String, RequestWindow> windows;
    private final IMap<String, HashMap<String, Integer>> slots;
    private final String node;
    private final Clock clock;
    private final Duration timeout;
    private final boolean failClosed;
    private final Counter failures;
    private final AtomicLong lastLogged = new AtomicLong();

    public HazelcastRequestLimiter(IMap<String, RequestWindow> windows, IMap<String, HashMap<String, Integer>> slots,
                                   String node, Clock clock, Duration timeout, boolean failClosed,
                                   MeterRegistry meters) {
        this.windows = windows;
        this.slots = slots;
        this.node = node;
        this.clock = clock;
        this.timeout = timeout;
        this.failClosed = failClosed;
        this.failures = Counter.builder("llm402.ratelimit.store.failures")
                .description("Rate limit checks the cluster store could not answer").register(meters);
    }

    @Override
    public RateLimitVerdict admit(String subject, WindowLimit limit) {
        return await(() -> windows.submitToKey(subject, new Admit(limit, clock.millis())));
    }

    @Override
    public void succeeded(String subject, WindowLimit limit) {
        send(() -> windows.submitToKey(subject, new Succeed(limit, clock.millis())));
    }

    @Override
    public RateLimitVerdict acquireSlot(String subject, int limit) {
        return await(() -> slots.submitToKey(subject, new Acquire(node, limit)).thenApply(taken -> taken
                ? RateLimitVerdict.ADMITTED : new RateLimitVerdict(RateLimitVerdict.Outcome.TOTAL_REACHED, 1_000)));
    }

    @Override
    public void releaseSlot(String subject) {
        send(() -> slots.submitToKey(subject, new Release(node)));
    }

    /** Waits for the store's verdict, at most {@link #timeout}; a failure is a fail-open (or closed) verdict. */
    private RateLimitVerdict await(Supplier<CompletionStage<RateLimitVerdict>> call) {
        try {
            return call.get().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return storeFailed(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return storeFailed(e);
        }
    }

    /** Sends a change without waiting; a failure is only counted and logged. */
    private void send(Supplier<CompletionStage<?>> call) {
        try {
            call.get().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    storeFailed(failure);
                }
            });
        } catch (RuntimeException e) {
            storeFailed(e);
        }
    }

    /**
     * Drops every slot {@code deadNode} holds: run by a survivor when a node leaves the cluster, and by a node for
     * its own id when it starts (slots of an earlier run that died), so a crash never leaks capacity.
     */
    public void dropSlotsOf(String deadNode) {
        slots.executeOnEntries(new DropNode(deadNode));
    }

    private RateLimitVerdict storeFailed(Throwable e) {
        failures.increment();
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_MILLIS && lastLogged.compareAndSet(last, now)) {
            log.warn("The rate limit store did not answer ({}); requests {} until it does", e.toString(),
                    failClosed ? "are refused" : "go through unlimited");
        }
        return failClosed ? new RateLimitVerdict(RateLimitVerdict.Outcome.UNAVAILABLE, 1_000)
                : RateLimitVerdict.UNCHECKED;
    }

    /** The window for this limit: a changed window length starts afresh. */
    private static RequestWindow windowOf(Map.Entry<String, RequestWindow> entry, WindowLimit limit) {
        RequestWindow current = entry.getValue();
        return current != null && current.windowMillis() == limit.windowMillis() ? current
                : new RequestWindow(limit.windowMillis());
    }

    private static void store(Map.Entry<String, RequestWindow> entry, RequestWindow window) {
        // The entry goes away once its window has passed unused.
        ((ExtendedMapEntry<String, RequestWindow>) entry).setValue(window, window.idleTtlMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Admits against the limit, counting the request in the total when admitted. Runs on the entry's owner. */
    record Admit(WindowLimit limit, long nowMillis) implements EntryProcessor<String, RequestWindow,
            RateLimitVerdict> {

        @Override
        public RateLimitVerdict process(Map.Entry<String, RequestWindow> entry) {
            RequestWindow window = windowOf(entry, limit);
            RateLimitVerdict verdict = window.admit(nowMillis, limit);
            if (verdict.admitted()) {
                store(entry, window);
            }
            return verdict;
        }
    }

    /** Takes a slot for this node when the subject's slots over all nodes are below the limit. */
    record Acquire(String node, int limit) implements EntryProcessor<String, HashMap<String, Integer>, Boolean> {

        @Override
        public Boolean process(Map.Entry<String, HashMap<String, Integer>> entry) {
            HashMap<String, Integer> held = entry.getValue() == null ? new HashMap<>() : entry.getValue();
            int total = 0;
            for (int count : held.values()) {
                total += count;
            }
            if (total >= limit) {
                return Boolean.FALSE;
            }
            held.merge(node, 1, Integer::sum);
            entry.setValue(held);
            return Boolean.TRUE;
        }
    }

    /** Gives back one of this node's slots; the entry goes when no node holds any. */
    record Release(String node) implements EntryProcessor<String, HashMap<String, Integer>, Boolean> {

        @Override
        public Boolean process(Map.Entry<String, HashMap<String, Integer>> entry) {
            HashMap<String, Integer> held = entry.getValue();
            if (held == null || !held.containsKey(node)) {
                return Boolean.FALSE;
            }
            held.computeIfPresent(node, (n, count) -> count > 1 ? count - 1 : null);
            entry.setValue(held.isEmpty() ? null : held);
            return Boolean.TRUE;
        }
    }

    /** Forgets one node's slots in every entry. */
    record DropNode(String node) implements EntryProcessor<String, HashMap<String, Integer>, Boolean> {

        @Override
        public Boolean process(Map.Entry<String, HashMap<String, Integer>> entry) {
            HashMap<String, Integer> held = entry.getValue();
            if (held == null || held.remove(node) == null) {
                return Boolean.FALSE;
            }
            entry.setValue(held.isEmpty() ? null : held);
            return Boolean.TRUE;
        }
    }

    /** Counts one success. */
    record Succeed(WindowLimit limit, long nowMillis) implements EntryProcessor<String, RequestWindow, Boolean> {

        @Override
        public Boolean process(Map.Entry<String, RequestWindow> entry) {
            RequestWindow window = windowOf(entry, limit);
            window.succeeded(nowMillis);
            store(entry, window);
            return Boolean.TRUE;
        }
    }
}

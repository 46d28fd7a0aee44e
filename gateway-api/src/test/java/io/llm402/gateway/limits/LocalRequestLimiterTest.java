package io.llm402.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A node alone: exact counts under concurrent callers, slots given back, idle subjects forgotten. */
class LocalRequestLimiterTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final LocalRequestLimiter limiter = new LocalRequestLimiter(clock);

    @Test
    void concurrentCallersGetExactlyTheLimit() throws Exception {
        WindowLimit limit = new WindowLimit(60_000, 250, 0);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            calls.add(threads.submit((Callable<Boolean>) () -> limiter.admit("u", limit).admitted()));
        }
        int admitted = 0;
        for (Future<Boolean> call : calls) {
            admitted += call.get() ? 1 : 0;
        }
        threads.shutdown();
        assertThat(admitted).isEqualTo(250);
    }

    @Test
    void slotsAreTakenUpToTheLimitAndGivenBack() {
        assertThat(limiter.acquireSlot("key:a", 2).admitted()).isTrue();
        assertThat(limiter.acquireSlot("key:a", 2).admitted()).isTrue();
        assertThat(limiter.acquireSlot("key:a", 2).outcome()).isEqualTo(RateLimitVerdict.Outcome.TOTAL_REACHED);
        limiter.releaseSlot("key:a");
        assertThat(limiter.acquireSlot("key:a", 2).admitted()).isTrue();
    }

    @Test
    void idleSubjectsAreForgottenAsNewOnesCome() {
        WindowLimit limit = new WindowLimit(60_000, 1, 0);
        for (int i = 0; i < 5_000; i++) {
            limiter.admit("address:" + i, limit);
        }
        now.addAndGet(120_000);
        for (int i = 0; i < 5_000; i++) {
            limiter.admit("later:" + i, limit);
        }
        assertThat(limiter.subjects()).isLessThan(10_000);
        assertThat(limiter.admit("later:1", limit).admitted()).as("live windows stay").isFalse();
    }
}

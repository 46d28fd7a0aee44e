package io.llm402.ops.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.channels.ChannelOperationSettings;
import io.llm402.gateway.channels.ChannelTester;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tests every channel on the schedule the settings give (new-api's {@code monitor_setting}: off by default, every 10
 * minutes). One node of a cluster runs it, the oldest member, so a cluster tests each channel once per interval,
 * not once per node; when that node leaves, the next oldest takes over.
 */
@Component
class ChannelTestSchedule implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChannelTestSchedule.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final ChannelTester tester;
    private final Catalog catalog;
    private final HazelcastInstance hazelcast;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("channel-test-schedule").factory());
    private long lastRunMillis;

    ChannelTestSchedule(ChannelTester tester, Catalog catalog, HazelcastInstance hazelcast) {
        this.tester = tester;
        this.catalog = catalog;
        this.hazelcast = hazelcast;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        lastRunMillis = clock.millis();
        ticks.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            CatalogSnapshot snapshot = catalog.snapshot();
            if (!snapshot.flag(SettingKey.CHANNEL_TEST_ENABLED.wireName(), false)) {
                lastRunMillis = clock.millis();
                return;
            }
            long now = clock.millis();
            if (now - lastRunMillis < ChannelOperationSettings.testInterval(snapshot.settings()).toMillis() || !oldestMember()) {
                return;
            }
            lastRunMillis = now;
            tester.testAll();
        } catch (RuntimeException e) {
            log.warn("Scheduled channel test failed: {}", e.toString());
        }
    }

    private boolean oldestMember() {
        var members = hazelcast.getCluster().getMembers();
        return !members.isEmpty() && members.iterator().next().localMember();
    }

    @Override
    public void destroy() {
        ticks.shutdownNow();
    }
}

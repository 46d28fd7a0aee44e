package io.llm402.gateway.catalog;

import io.llm402.projections.api.ReadModelChangedEvent;
import io.llm402.projections.catalog.api.ChannelView;
import io.llm402.projections.catalog.api.FindSettingsQuery;
import io.llm402.projections.catalog.api.GroupView;
import io.llm402.projections.catalog.api.ListChannelsQuery;
import io.llm402.projections.catalog.api.ListGroupsQuery;
import io.llm402.projections.catalog.api.ListModelPricesQuery;
import io.llm402.projections.catalog.api.ModelPriceView;
import io.llm402.projections.catalog.api.SettingsView;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The gateway's in-memory view of channels, prices, groups and settings: requests read a snapshot, never the
 * database. It reloads when a projection commits a catalog change on this node, and every few seconds as a backstop
 * for changes projected on another node of a cluster.
 */
@Component
public class Catalog implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);
    private static final Duration BACKSTOP_RELOAD = Duration.ofSeconds(5);

    private final QueryGateway queries;
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("catalog-reload").factory());
    private final AtomicBoolean reloadQueued = new AtomicBoolean();
    private volatile CatalogSnapshot snapshot = CatalogSnapshot.EMPTY;

    public Catalog(QueryGateway queries) {
        this.queries = queries;
    }

    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        reload();
        reloader.scheduleWithFixedDelay(this::reloadQuietly, BACKSTOP_RELOAD.toMillis(), BACKSTOP_RELOAD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @EventListener
    void on(ReadModelChangedEvent event) {
        if (ReadModelChangedEvent.CATALOG.equals(event.readModel()) && reloadQueued.compareAndSet(false, true)) {
            // Coalesces the burst of signals a batch of catalog events produces into one reload.
            reloader.schedule(() -> {
                reloadQueued.set(false);
                reloadQuietly();
            }, 20, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Loads the whole catalog now (it is small: channels, prices, groups, settings). Loads run one at a time, so a
     * load that began before a change cannot finish after one that began after it and put the old state back.
     */
    public synchronized void reload() {
        var channels = queries.query(new ListChannelsQuery(),
                ResponseTypes.multipleInstancesOf(ChannelView.class)).join();
        var prices = queries.query(new ListModelPricesQuery(),
                ResponseTypes.multipleInstancesOf(ModelPriceView.class)).join();
        var groups = queries.query(new ListGroupsQuery(), ResponseTypes.multipleInstancesOf(GroupView.class)).join();
        SettingsView settings = queries.query(new FindSettingsQuery(), ResponseTypes.instanceOf(SettingsView.class))
                .join();
        snapshot = CatalogSnapshot.of(channels, prices, groups, settings.values());
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("Catalog reload failed; serving the previous snapshot: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        reloader.shutdownNow();
    }
}

package io.llm402.domain.ledger;

import io.llm402.domain.ledger.api.LedgerNodes;
import io.llm402.domain.ledger.api.LedgerSettings;
import io.llm402.domain.ledger.api.OpenAllowances;
import io.llm402.domain.shared.GroupCommit;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The ledger's runtime: the group commit, this node's allowances (the {@link io.llm402.domain.ledger.api.UsageLedger}
 * the gateway calls), their recovery and the sweep that expires stuck reservations. The node's
 * {@link LedgerSettings} and the {@link OpenAllowances} read model come from outside the domain.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    @Bean(destroyMethod = "close")
    GroupCommit groupCommit(EventStore eventStore, LedgerSettings settings) {
        return new GroupCommit(eventStore, settings.commitWindow(), settings.maxBatchEvents(), 100_000);
    }

    @Bean
    AllowanceBook allowanceBook(CommandGateway commands, GroupCommit groupCommit, LedgerSettings settings,
                                ObjectProvider<LedgerNodes> nodes) {
        return new AllowanceBook(commands, groupCommit, settings, Clock.systemUTC(),
                nodes.getIfAvailable(() -> () -> 1));
    }

    @Bean
    AllowanceRecovery allowanceRecovery(OpenAllowances openAllowances, EventStore eventStore, AllowanceBook book,
                                        LedgerSettings settings) {
        return new AllowanceRecovery(openAllowances, eventStore, book, settings);
    }

    /**
     * Returns every idle allowance when the application starts closing: the context-closed event comes before any
     * component stops, so the command bus still has its handlers (on SIGTERM the money goes back to the wallets at
     * once instead of waiting for this node's next start).
     */
    @Bean
    ApplicationListener<ContextClosedEvent> returnAllowancesOnShutdown(AllowanceBook book) {
        return event -> book.closeAll();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService reservationSweep(AllowanceBook book, LedgerSettings settings) {
        ScheduledExecutorService sweep = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("reservation-sweep").factory());
        long everyMillis = Math.max(1_000, Math.min(Duration.ofMinutes(1).toMillis(),
                settings.reservationTimeout().toMillis() / 4));
        sweep.scheduleWithFixedDelay(() -> {
            try {
                book.expireStale();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(LedgerConfiguration.class)
                        .warn("Reservation sweep failed: {}", e.toString());
            }
        }, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
        return sweep;
    }
}

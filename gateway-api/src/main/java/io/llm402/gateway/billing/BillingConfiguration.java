package io.llm402.gateway.billing;

import io.llm402.domain.shared.NanoUsd;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
public class BillingConfiguration {

    @Bean(destroyMethod = "close")
    EventAppender eventAppender(EventStore eventStore, BillingProperties properties) {
        return new EventAppender(eventStore, properties.commitWindow(), properties.maxBatchEvents(), 100_000);
    }

    @Bean(destroyMethod = "closeAll")
    AllowanceBook allowanceBook(CommandGateway commands, EventAppender appender, NodeIdentity node,
                                BillingProperties properties) {
        return new AllowanceBook(commands, appender, node, NanoUsd.fromUsd(properties.trancheUsd()),
                Clock.systemUTC());
    }

    @Bean
    AllowanceRecovery allowanceRecovery(QueryGateway queries, EventStore eventStore, AllowanceBook book,
                                        EventAppender appender, NodeIdentity node) {
        return new AllowanceRecovery(queries, eventStore, book, appender, node);
    }
}

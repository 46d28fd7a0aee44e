package io.llm402.ops.axon;

import io.llm402.gateway.management.ManagementCommands;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who did it, on every event a management or bootstrap command causes: the command's {@code actor} and
 * {@code actor_role} metadata are copied onto the events it appends. The relay's own commands carry none.
 */
@Configuration(proxyBeanMethods = false)
public class ActorMetadataConfiguration {

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ManagementCommands.ACTOR, ManagementCommands.ACTOR_ROLE,
                ManagementCommands.REASON);
    }

    /** Axon's default, kept: declaring any provider bean replaces the defaults. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}

package io.llm402.ops.axon;

import io.llm402.domain.account.api.Acted;
import io.llm402.domain.account.api.Actor;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who did it, on every event a management command causes: the command's actor goes into its metadata
 * ({@code actor}, {@code actor_role}), and from there into the metadata of each event it appends. Commands without
 * an actor (the relay's ledger, recovery) carry none.
 */
@Configuration(proxyBeanMethods = false)
public class ActorMetadataConfiguration {

    public static final String ACTOR = "actor";
    public static final String ACTOR_ROLE = "actor_role";

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ACTOR, ACTOR_ROLE);
    }

    /** Axon's default, kept: declaring any provider bean replaces the defaults. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    SmartInitializingSingleton actorOnCommands(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(messages -> (index, command) -> {
            if (command.getPayload() instanceof Acted acted) {
                Actor actor = acted.actor();
                return command.andMetaData(Map.of(ACTOR, actor.userId(), ACTOR_ROLE, actor.role().wireName()));
            }
            return command;
        });
    }
}

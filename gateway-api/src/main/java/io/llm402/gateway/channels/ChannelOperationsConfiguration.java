package io.llm402.gateway.channels;

import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.upstream.UpstreamClient;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ChannelOperationsConfiguration {

    @Bean
    KeyDisabling keyDisabling(CommandGateway commands) {
        return new KeyDisabling(commands, Clock.systemUTC());
    }

    @Bean
    ChannelTester channelTester(QueryGateway queries, Catalog catalog, CommandGateway commands,
                                UpstreamClient upstream, SecretBox secretBox) {
        return new ChannelTester(queries, catalog, commands, upstream, secretBox);
    }
}

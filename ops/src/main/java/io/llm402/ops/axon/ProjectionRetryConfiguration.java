package io.llm402.ops.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A projection that fails on an event must retry it, never skip it: Axon's default handler logs the failure and
 * moves on, which silently loses the event from the read model (seen with MariaDB deadlocks under concurrent
 * writes). Propagating makes the processor roll back the batch and retry it with backoff.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionRetryConfiguration {

    @Bean
    ConfigurerModule retryFailedProjectionEvents() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(config -> PropagatingErrorHandler.instance()));
    }
}

package io.llm402.ops.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code AXON_SERVER} switches the Axon Server connector on (and with it off the JDBC event store); without it the
 * connector stays idle. A property placeholder cannot say "on when set", hence this small post-processor.
 */
public class AxonServerEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String servers = environment.getProperty("AXON_SERVER", "");
        boolean enabled = !servers.isBlank();
        Map<String, Object> properties = enabled
                ? Map.of("axon.axonserver.enabled", "true", "axon.axonserver.servers", servers)
                : Map.of("axon.axonserver.enabled", "false");
        environment.getPropertySources().addFirst(new MapPropertySource("llm402-axon-server", properties));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

package io.llm402.ops.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps operational endpoints off the public relay port. Without {@code LLM402_MANAGEMENT_PORT} only
 * {@code /actuator/health} is served (load balancers and probes need it); with it, health, Prometheus and info move to
 * that port, bound to {@code LLM402_MANAGEMENT_ADDRESS} (default 127.0.0.1), for a scraper on the private network.
 */
public class ManagementEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String port = environment.getProperty("LLM402_MANAGEMENT_PORT",
                environment.getProperty("llm402.management-port", ""));
        Map<String, Object> properties = new LinkedHashMap<>();
        if (port.isBlank()) {
            properties.put("management.endpoints.web.exposure.include", "health");
        } else {
            properties.put("management.server.port", port.trim());
            properties.put("management.server.address", environment.getProperty("LLM402_MANAGEMENT_ADDRESS",
                    environment.getProperty("llm402.management-address", "127.0.0.1")));
            properties.put("management.endpoints.web.exposure.include", "health,prometheus,info");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("llm402-management", properties));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

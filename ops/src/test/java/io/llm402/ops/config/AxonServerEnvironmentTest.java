package io.llm402.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class AxonServerEnvironmentTest {

    @Test
    void withoutAxonServerTheConnectorStaysOff() {
        StandardEnvironment environment = environmentWith(Map.of());
        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("false");
    }

    @Test
    void axonServerSwitchesTheConnectorOnWithItsAddresses() {
        StandardEnvironment environment = environmentWith(Map.of("AXON_SERVER", "axon-1:8124,axon-2:8124"));
        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("axon.axonserver.servers")).isEqualTo("axon-1:8124,axon-2:8124");
    }

    private static StandardEnvironment environmentWith(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new MapPropertySource("test-env", variables));
        new AxonServerEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}

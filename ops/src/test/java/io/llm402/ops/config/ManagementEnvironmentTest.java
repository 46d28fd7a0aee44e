package io.llm402.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The relay port serves health only; Prometheus and info need a management port (loopback unless told). */
class ManagementEnvironmentTest {

    @Test
    void withoutAManagementPortOnlyHealthIsExposedOnTheRelayPort() {
        StandardEnvironment environment = environmentWith(Map.of());
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
        assertThat(environment.getProperty("management.server.port")).isNull();
    }

    @Test
    void aManagementPortServesMetricsOnLoopbackByDefault() {
        StandardEnvironment environment = environmentWith(Map.of("LLM402_MANAGEMENT_PORT", "9464"));
        assertThat(environment.getProperty("management.server.port")).isEqualTo("9464");
        assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health,prometheus,info");
    }

    @Test
    void theManagementAddressCanBeAPrivateOne() {
        StandardEnvironment environment = environmentWith(Map.of("LLM402_MANAGEMENT_PORT", "9464",
                "LLM402_MANAGEMENT_ADDRESS", "10.0.0.5"));
        assertThat(environment.getProperty("management.server.address")).isEqualTo("10.0.0.5");
    }

    private static StandardEnvironment environmentWith(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new MapPropertySource("test-env", variables));
        new ManagementEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}

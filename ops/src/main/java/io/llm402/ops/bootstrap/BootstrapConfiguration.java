package io.llm402.ops.bootstrap;

import io.llm402.domain.shared.SecretBox;
import io.llm402.ops.config.Llm402Properties;
import java.nio.file.Files;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bootstrap file is read and validated while the context starts, before anything is sent: a malformed file
 * stops the application with every problem listed, and the store is left untouched.
 */
@Configuration(proxyBeanMethods = false)
public class BootstrapConfiguration {

    @Bean
    BootstrapPlan bootstrapPlan(Llm402Properties properties, SecretBox secretBox) {
        if (properties.bootstrap() == null || properties.bootstrap().toString().isBlank()) {
            return BootstrapPlan.none();
        }
        if (!Files.isReadable(properties.bootstrap())) {
            throw new BootstrapException(properties.bootstrap(), List.of(new BootstrapException.Problem(0,
                    "(file)", "LLM402_BOOTSTRAP names a file that does not exist or cannot be read")));
        }
        return new BootstrapPlanner(secretBox).plan(properties.bootstrap());
    }
}

package io.llm402.ops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The one runnable application: it assembles every module (DESIGN §2). */
@SpringBootApplication(scanBasePackages = "io.llm402")
@ConfigurationPropertiesScan("io.llm402.ops")
public class Llm402Application {

    public static void main(String[] args) {
        // Axon prints an advertisement for its hosted console at every start otherwise.
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(Llm402Application.class, args);
    }
}

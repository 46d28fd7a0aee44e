package io.llm402.ops;

import io.llm402.ops.newapi.NewApiImportCommand;
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
        // The JDK HTTP client (the x402 facilitator's) keeps idle connections 30 s; servers close theirs sooner (Node:
        // 5 s), and a request sent on a connection the server just closed fails as "unreachable". Drop them first.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "3");
        }
        if (args.length > 0 && args[0].equals(NewApiImportCommand.NAME)) {
            String[] importArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
            System.exit(NewApiImportCommand.run(importArgs, () -> new SpringApplication(Llm402Application.class)));
        }
        SpringApplication.run(Llm402Application.class, args);
    }
}

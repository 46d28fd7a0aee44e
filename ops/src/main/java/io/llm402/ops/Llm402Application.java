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
        // The JDK HTTP client (the x402 facilitator's) keeps idle connections 30 s; servers close theirs sooner (Node:
        // 5 s), and a request sent on a connection the server just closed fails as "unreachable". Drop them first.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "3");
        }
        SpringApplication.run(Llm402Application.class, args);
    }
}

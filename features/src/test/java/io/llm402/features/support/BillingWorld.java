package io.llm402.features.support;

import io.llm402.ops.simulator.UpstreamSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One gateway (the real jar) and one in-process upstream simulator shared by the billing scenarios: starting the
 * jar takes seconds, and the scenarios use separate keys and models so they cannot disturb each other. Both stop
 * when the test JVM exits.
 */
public final class BillingWorld {

    private static BillingWorld instance;

    private final UpstreamSimulator simulator;
    private final Installation installation;
    private final GatewayProcess gateway;

    private BillingWorld(UpstreamSimulator simulator, Installation installation, GatewayProcess gateway) {
        this.simulator = simulator;
        this.installation = installation;
        this.gateway = gateway;
    }

    public static synchronized BillingWorld get() throws Exception {
        if (instance == null) {
            UpstreamSimulator simulator = new UpstreamSimulator(0).start();
            Installation installation = new Installation();
            installation.useBootstrap(resource("/io/llm402/features/billing/billing.yaml")
                    .replace("${SIM}", simulator.baseUrl()));
            // Short enough for a scenario to watch a silent upstream being cut.
            installation.setEnvironment("LLM402_RELAY_IDLE_TIMEOUT", "1s");
            // A failing channel is passed over after 5 faults in a row; short enough to watch it come back.
            installation.setEnvironment("LLM402_RELAY_CIRCUIT_COOL_DOWN", "2s");
            // And for a client that stops reading to be cut.
            installation.setEnvironment("LLM402_CLIENT_STALL_TIMEOUT", "3s");
            // Every billing, format and fuzz scenario runs against a gateway with a 512 MB heap: hostile input (an
            // 8 MB prompt of one letter, deep nesting, huge numbers) must not need more.
            installation.setEnvironment("JAVA_TOOL_OPTIONS", "-Xmx512m");
            GatewayProcess gateway = installation.start();
            gateway.stopAtExit(simulator::stop);
            gateway.awaitReady();
            instance = new BillingWorld(simulator, installation, gateway);
        }
        return instance;
    }

    public UpstreamSimulator simulator() {
        return simulator;
    }

    public Installation installation() {
        return installation;
    }

    public GatewayProcess gateway() {
        return gateway;
    }

    static String resource(String path) throws IOException {
        try (InputStream in = Objects.requireNonNull(BillingWorld.class.getResourceAsStream(path), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

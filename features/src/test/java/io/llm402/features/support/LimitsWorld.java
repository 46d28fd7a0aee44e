package io.llm402.features.support;

import io.llm402.ops.simulator.UpstreamSimulator;

/**
 * One gateway started with the rate-limit bootstrap and one upstream simulator, shared by the rate-limit scenarios
 * (each uses its own user). Both stop when the test JVM exits.
 */
public final class LimitsWorld {

    private static LimitsWorld instance;

    private final UpstreamSimulator simulator;
    private final Installation installation;
    private final GatewayProcess gateway;

    private LimitsWorld(UpstreamSimulator simulator, Installation installation, GatewayProcess gateway) {
        this.simulator = simulator;
        this.installation = installation;
        this.gateway = gateway;
    }

    public static synchronized LimitsWorld get() throws Exception {
        if (instance == null) {
            UpstreamSimulator simulator = new UpstreamSimulator(0).start();
            Installation installation = new Installation();
            installation.useBootstrap(limitsBootstrap(simulator));
            GatewayProcess gateway = installation.start();
            gateway.stopAtExit(simulator::stop);
            gateway.awaitReady();
            instance = new LimitsWorld(simulator, installation, gateway);
        }
        return instance;
    }

    /** The rate-limit and cluster bootstrap, pointed at {@code simulator}. */
    public static String limitsBootstrap(UpstreamSimulator simulator) throws java.io.IOException {
        return BillingWorld.resource("/io/llm402/features/cluster/limits.yaml")
                .replace("${SIM}", simulator.baseUrl());
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
}

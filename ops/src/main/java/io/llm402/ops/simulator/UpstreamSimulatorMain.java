package io.llm402.ops.simulator;

/**
 * Runs the simulator until the process is killed: {@code --port <n>} (default 9999). Point a channel at
 * {@code http://127.0.0.1:<n>/<name>/<key=value>...}; every provider's paths are served under that prefix.
 */
public final class UpstreamSimulatorMain {

    private UpstreamSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 9999;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: UpstreamSimulatorMain [--port <n>]");
                System.exit(2);
            }
        }
        UpstreamSimulator simulator = new UpstreamSimulator(port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop));
        System.out.println("simulator listening on 127.0.0.1:" + simulator.port()
                + " (OpenAI, Azure, DeepSeek, Anthropic, Gemini, Cohere and Jina formats)");
        Thread.currentThread().join(); // serve until killed
    }
}

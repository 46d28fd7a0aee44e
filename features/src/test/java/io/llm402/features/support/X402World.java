package io.llm402.features.support;

import io.llm402.ops.simulator.UpstreamSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real x402 stack, offline: anvil with Circle's FiatTokenV2_2 and the reference facilitator of {@code @x402/evm}
 * 2.27.0 ({@code src/test/x402/stack.mjs}), the upstream simulator, and one gateway jar with x402 pointed at that
 * facilitator. Agents pay with the unmodified {@code @x402/fetch} client ({@code pay.mjs}). Everything binds to
 * loopback; the stack stops when this JVM does (its stdin closes) or after its lifetime, the gateway by its PID.
 */
public final class X402World {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path NODE_PROJECT = Path.of("src/test/x402").toAbsolutePath();
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(120);
    private static X402World instance;

    private final UpstreamSimulator simulator;
    private final Installation installation;
    private final GatewayProcess gateway;
    private final JsonNode stack;
    private final Path stackFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private X402World(UpstreamSimulator simulator, Installation installation, GatewayProcess gateway, JsonNode stack,
                      Path stackFile) {
        this.simulator = simulator;
        this.installation = installation;
        this.gateway = gateway;
        this.stack = stack;
        this.stackFile = stackFile;
    }

    public static synchronized X402World get() throws Exception {
        if (instance == null) {
            requireNode();
            installDependencies();
            Path stackFile = Files.createTempFile("x402-stack-", ".json");
            Process chain = startStack(stackFile);
            JsonNode stack = JSON.readTree(Files.readString(stackFile));
            UpstreamSimulator simulator = new UpstreamSimulator(0).start();
            Installation installation = new Installation();
            installation.useBootstrap(BillingWorld.resource("/io/llm402/features/payments/x402.yaml")
                    .replace("${SIM}", simulator.baseUrl()));
            installation.setEnvironment("LLM402_X402_ENABLED", "true");
            installation.setEnvironment("LLM402_X402_NETWORK", stack.get("network").asString());
            installation.setEnvironment("LLM402_X402_ASSET", stack.get("asset").asString());
            installation.setEnvironment("LLM402_X402_ASSET_NAME", stack.get("assetName").asString());
            installation.setEnvironment("LLM402_X402_ASSET_VERSION", stack.get("assetVersion").asString());
            installation.setEnvironment("LLM402_X402_PAY_TO", stack.get("payTo").asString());
            installation.setEnvironment("LLM402_X402_FACILITATOR_URL", stack.get("facilitatorUrl").asString());
            GatewayProcess gateway = installation.start();
            gateway.stopAtExit(simulator::stop, chain::destroy);
            gateway.awaitReady();
            instance = new X402World(simulator, installation, gateway, stack, stackFile);
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

    /** {@code stack.json}: network, asset, payTo, the payers' addresses and keys, the facilitator's URL. */
    public JsonNode stack() {
        return stack;
    }

    /**
     * The address and private key of funded agent {@code index} (0 and 1 are payer and payer2, then more); a negative
     * index is an agent without USDC.
     */
    public Agent agent(int index) {
        if (index < 0) {
            return new Agent(stack.get("unfunded").get("address").asString(),
                    stack.get("unfunded").get("key").asString());
        }
        if (index == 0) {
            return new Agent(stack.get("payerAddress").asString(), stack.get("payerKey").asString());
        }
        if (index == 1) {
            return new Agent(stack.get("payer2Address").asString(), stack.get("payer2Key").asString());
        }
        JsonNode more = stack.get("morePayers").get(index - 2);
        return new Agent(more.get("address").asString(), more.get("key").asString());
    }

    public record Agent(String address, String key) {
    }

    /**
     * Calls the gateway through the unmodified {@code @x402/fetch} client, which pays when asked to; with
     * {@code replay} the same request is sent again with the same {@code PAYMENT-SIGNATURE}.
     */
    public JsonNode pay(Agent agent, String path, String body, List<String> headers, boolean replay)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "pay.mjs", "--stack", stackFile.toString(), "--url",
                "http://127.0.0.1:" + gateway.port() + path, "--body", body, "--key", agent.key()));
        for (String header : headers) {
            command.add("--header");
            command.add(header);
        }
        if (replay) {
            command.add("--replay");
        }
        return JSON.readTree(runNode(command));
    }

    /** Moves all of the agent's USDC to another address, on chain. */
    public void drain(Agent agent, String to) throws IOException, InterruptedException {
        runNode(List.of("node", "drain.mjs", "--stack", stackFile.toString(), "--key", agent.key(), "--to", to));
    }

    /** The agent's USDC balance on chain, in atomic units. */
    public long balance(String address) throws IOException, InterruptedException {
        return JSON.readTree(runNode(List.of("node", "balance.mjs", "--stack", stackFile.toString(), "--address",
                address))).get("balance").asLong();
    }

    /** How many {@code /verify} and {@code /settle} calls the facilitator received so far. */
    public JsonNode facilitatorCalls() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(stack.get("facilitatorUrl").asString() + "/stats")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static String runNode(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(NODE_PROJECT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command.subList(0, 2)));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(command.get(1) + " failed with exit code " + process.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * The real stack is Node.js. Without it (a machine with only a JDK) these scenarios are skipped, loudly; CI sets
     * {@code LLM402_REQUIRE_NODE=1}, where a missing Node.js fails them instead.
     */
    private static void requireNode() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            if (node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0) {
                return;
            }
        } catch (IOException | InterruptedException e) {
            // Not installed: handled below.
        }
        String message = "the x402 scenarios need Node.js 20 and npm on the PATH (they run the real x402 stack)";
        if ("1".equals(System.getenv("LLM402_REQUIRE_NODE"))) {
            throw new AssertionError(message);
        }
        System.err.println("SKIPPED: " + message);
        throw new org.opentest4j.TestAbortedException(message);
    }

    /** {@code npm ci} from the committed lock file, when {@code node_modules} is missing or older than it. */
    private static void installDependencies() throws IOException, InterruptedException {
        Path installed = NODE_PROJECT.resolve("node_modules/.package-lock.json");
        Path lock = NODE_PROJECT.resolve("package-lock.json");
        if (Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(NODE_PROJECT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!npm.waitFor(5, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            throw new AssertionError("npm ci did not finish within 5 minutes");
        }
        if (npm.exitValue() != 0) {
            throw new AssertionError("npm ci failed in " + NODE_PROJECT + " with exit code " + npm.exitValue());
        }
    }

    /** Starts {@code stack.mjs} with a stdin pipe (it stops when the pipe closes) and waits for {@code READY}. */
    private static Process startStack(Path stackFile) throws IOException {
        Process chain = new ProcessBuilder("node", "stack.mjs", "--out", stackFile.toString(), "--lifetime-seconds",
                "1800").directory(NODE_PROJECT.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(chain.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"READY".equals(line)) {
            chain.destroyForcibly();
            throw new AssertionError("the x402 stack did not start (it printed " + line + ")");
        }
        return chain;
    }
}

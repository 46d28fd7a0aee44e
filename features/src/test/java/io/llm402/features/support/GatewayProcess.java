package io.llm402.features.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real artifact, {@code ops/target/llm402.jar}, started as an operator would: {@code java -jar} with
 * environment variables. Output goes to a file the steps can read.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path output;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GatewayProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    public static GatewayProcess start(Map<String, String> environment, Path output) throws IOException {
        Path jar = Path.of(System.getProperty("llm402.jar", "../ops/target/llm402.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw verify (ops is packaged first)");
        }
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // Scenarios call the management API from one address far more often than new-api's per-address limits allow
        // a person; a scenario about those limits sets its own values.
        builder.environment().put("GLOBAL_API_RATE_LIMIT", "1000000");
        builder.environment().put("CRITICAL_RATE_LIMIT", "1000000");
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        return new GatewayProcess(builder.start(), output, port);
    }

    /**
     * Runs the jar once with a sub-command and its arguments (such as {@code import-new-api}), waits for it to end
     * and answers its exit code; what it printed is in {@code output}.
     */
    public static int runCommand(Map<String, String> environment, Path output, List<String> arguments)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("llm402.jar", "../ops/target/llm402.jar")).toAbsolutePath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(arguments + " did not end within " + READY_TIMEOUT + ":\n"
                    + Files.readString(output));
        }
        return process.exitValue();
    }

    /** Waits until {@code /api/status} answers ready; fails if the process exits or the wait runs out. */
    public String awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> status = get("/api/status");
                if (status.statusCode() == 200 && status.body().contains("\"ready\":true")) {
                    return status.body();
                }
            } catch (IOException notYetListening) {
                // The port opens a few seconds after the process starts.
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("the gateway was not ready within " + READY_TIMEOUT + ":\n" + output());
    }

    /** Waits for the process to end by itself (a refused start) and answers its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the gateway kept running");
        }
        return process.exitValue();
    }

    public HttpResponse<String> post(String path, String apiKey, String json) throws IOException, InterruptedException {
        return http.send(postRequest(path, apiKey, json), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<java.io.InputStream> postStreaming(String path, String apiKey, String json)
            throws IOException, InterruptedException {
        return http.send(postRequest(path, apiKey, json), HttpResponse.BodyHandlers.ofInputStream());
    }

    public HttpResponse<String> get(String path, String apiKey) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Any request with exactly the given headers (no key is added), for clients that authenticate differently. */
    public HttpResponse<String> send(String method, String path, java.util.Map<String, String> headers,
                                     @org.jspecify.annotations.Nullable String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest postRequest(String path, String apiKey, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    public int port() {
        return port;
    }

    /** Kills the process as a crash would ({@code kill -9}): no shutdown hook, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    /** Stops this gateway (gracefully), then runs {@code alsoStop}, when the test JVM exits: for shared worlds. */
    public void stopAtExit(Runnable... alsoStop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            for (Runnable stop : alsoStop) {
                stop.run();
            }
        }));
    }

    /** A graceful stop (SIGTERM), as a service manager would do it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

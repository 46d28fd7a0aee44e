package io.llm402.ops.simulator;

import static io.llm402.ops.simulator.Behaviour.UNSET;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible upstream on 127.0.0.1 that answers {@code POST <prefix>/v1/chat/completions} and
 * {@code GET <prefix>/v1/models}. The prefix's {@code key=value} segments choose the behaviour (see {@link Behaviour}),
 * so one simulator serves every scenario and a channel's {@code base_url} picks its own.
 */
public final class UpstreamSimulator implements AutoCloseable {

    static {
        // Small SSE chunks must leave at once: with Nagle and delayed ACKs they stall ~40 ms on loopback.
        // The JDK server reads this once, when it is first used; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    static final String CONTENT = "Hello from the simulator.";
    private static final int NON_STREAM_COMPLETION_TOKENS = 5;
    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> requestsByPrefix = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** Binds 127.0.0.1:{@code port} ({@code 0} = ephemeral); {@link #start()} begins serving. */
    public UpstreamSimulator(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("simulator cannot bind 127.0.0.1:" + port, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public UpstreamSimulator start() {
        if (started.compareAndSet(false, true)) {
            server.start();
        }
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}; append a scenario prefix such as {@code /sim/status=503}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** All requests received, whatever their path. */
    public long requestCount() {
        return requests.sum();
    }

    /** Requests whose path before {@code /v1/} was exactly {@code prefix}, e.g. {@code /sim/status=503}. */
    public long requestCount(String prefix) {
        LongAdder count = requestsByPrefix.get(prefix);
        return count == null ? 0 : count.sum();
    }

    public void resetCounts() {
        requests.reset();
        requestsByPrefix.clear();
    }

    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            if (started.get()) {
                server.stop(0);
            }
            // Interrupts streams still sleeping between chunks, so stopping never waits for them.
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean cut = false;
        try {
            serve(exchange);
        } catch (CutConnection e) {
            // Leaving the exchange open makes the JDK server drop the socket without the final empty chunk.
            cut = true;
            throw e;
        } finally {
            if (!cut) {
                exchange.close();
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath() == null ? "" : exchange.getRequestURI().getPath();
        int v1 = path.indexOf("/v1/");
        String prefix = v1 < 0 ? path : path.substring(0, v1);
        requests.increment();
        requestsByPrefix.computeIfAbsent(prefix, p -> new LongAdder()).increment();
        // Read the whole request first so the connection can be reused.
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (v1 < 0) {
            sendError(exchange, 404, "no /v1/ in path " + path, "invalid_request_error");
            return;
        }
        Behaviour behaviour;
        try {
            behaviour = Behaviour.parse(prefix);
        } catch (IllegalArgumentException e) {
            sendError(exchange, 400, "simulator: " + e.getMessage(), "invalid_request_error");
            return;
        }
        pause(behaviour.latencyMs());
        if (behaviour.status() != UNSET) {
            if (behaviour.status() == 429) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            sendError(exchange, behaviour.status(), "simulated upstream error", "server_error");
            return;
        }
        if (behaviour.garbage()) {
            send(exchange, 200, "this is not json".getBytes(UTF_8));
            return;
        }
        String endpoint = path.substring(v1 + "/v1".length());
        String method = exchange.getRequestMethod();
        switch (endpoint) {
            case "/models", "/models/" -> {
                if (method.equals("GET")) {
                    send(exchange, 200, models());
                } else {
                    sendError(exchange, 405, "use GET for /v1/models", "invalid_request_error");
                }
            }
            case "/chat/completions", "/chat/completions/" -> {
                if (method.equals("POST")) {
                    chat(exchange, behaviour, body);
                } else {
                    sendError(exchange, 405, "use POST for /v1/chat/completions", "invalid_request_error");
                }
            }
            default -> sendError(exchange, 404, "unknown endpoint " + endpoint, "invalid_request_error");
        }
    }

    private void chat(HttpExchange exchange, Behaviour behaviour, byte[] body) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JacksonException e) {
            sendError(exchange, 400, "request body is not JSON", "invalid_request_error");
            return;
        }
        JsonNode modelNode = request.path("model");
        String model = modelNode.isString() ? modelNode.asString() : "sim-model";
        boolean stream = flag(request.path("stream"));
        int prompt = behaviour.prompt() != UNSET ? behaviour.prompt() : estimatePromptTokens(request);
        int defaultCompletion = stream ? Math.max(1, behaviour.chunks()) : NON_STREAM_COMPLETION_TOKENS;
        Usage usage = new Usage(prompt, behaviour.completion() != UNSET ? behaviour.completion() : defaultCompletion,
                behaviour.cached(), behaviour.reasoning());
        String id = "chatcmpl-sim-" + ids.incrementAndGet();
        long created = Instant.now().getEpochSecond();
        if (stream) {
            boolean includeUsage = flag(request.path("stream_options").path("include_usage"));
            stream(exchange, behaviour, new EventStream(exchange.getResponseBody(), id, created, model,
                    includeUsage && !behaviour.noUsage()), usage);
        } else {
            send(exchange, 200, completion(id, created, model, behaviour.noUsage() ? null : usage));
        }
    }

    private static byte[] completion(String id, long created, String model, @Nullable Usage usage) {
        ObjectNode response = JSON.createObjectNode();
        response.put("id", id).put("object", "chat.completion").put("created", created).put("model", model);
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", CONTENT).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        if (usage != null) {
            response.set("usage", usage.toJson());
        }
        return JSON.writeValueAsBytes(response);
    }

    private static void stream(HttpExchange exchange, Behaviour behaviour, EventStream events, Usage usage)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0); // 0 = chunked
        events.choice(JSON.createObjectNode().put("role", "assistant").put("content", ""), null);
        boolean cut = behaviour.cutAfter() != UNSET;
        int contentChunks = cut ? behaviour.cutAfter() : behaviour.chunks();
        for (int i = 0; i < contentChunks; i++) {
            pause(behaviour.chunkDelayMs());
            events.choice(JSON.createObjectNode().put("content", "tok" + i + " "), null);
        }
        if (cut) {
            throw new CutConnection();
        }
        events.choice(JSON.createObjectNode(), "stop");
        if (events.usageField()) {
            events.usage(usage.toJson());
        }
        events.done();
    }

    private static byte[] models() {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.putArray("data").addObject()
                .put("id", "sim-model").put("object", "model").put("created", 0).put("owned_by", "simulator");
        return JSON.writeValueAsBytes(list);
    }

    /** Characters of all message texts / 4, plus 4 per message, at least 1: roughly what a tokenizer would say. */
    static int estimatePromptTokens(JsonNode request) {
        int chars = 0;
        int messages = 0;
        for (JsonNode message : request.path("messages").values()) {
            messages++;
            JsonNode content = message.path("content");
            if (content.isString()) {
                chars += content.asString().length();
            } else {
                for (JsonNode part : content.values()) { // multi-part content: count the text parts
                    if (part.path("text").isString()) {
                        chars += part.path("text").asString().length();
                    }
                }
            }
        }
        return Math.max(1, chars / 4 + 4 * messages);
    }

    private static boolean flag(JsonNode node) {
        return node.isBoolean() && node.booleanValue();
    }

    private static void pause(long millis) throws InterruptedIOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("simulator stopping");
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message, String type) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** Token counts as OpenAI reports them. */
    record Usage(int prompt, int completion, int cached, int reasoning) {

        ObjectNode toJson() {
            ObjectNode usage = JSON.createObjectNode()
                    .put("prompt_tokens", prompt)
                    .put("completion_tokens", completion)
                    .put("total_tokens", prompt + completion);
            usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
            usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
            return usage;
        }
    }

    /** One SSE response: every event is written as one byte array and flushed, so each leaves as its own chunk. */
    private record EventStream(OutputStream out, String id, long created, String model, boolean usageField) {

        void choice(ObjectNode delta, @Nullable String finishReason) throws IOException {
            ObjectNode chunk = header();
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
            if (usageField) {
                chunk.putNull("usage"); // what OpenAI sends on every chunk once include_usage is asked for
            }
            write(chunk);
        }

        void usage(ObjectNode usage) throws IOException {
            ObjectNode chunk = header();
            chunk.putArray("choices");
            chunk.set("usage", usage);
            write(chunk);
        }

        void done() throws IOException {
            send("data: [DONE]\n\n");
        }

        private ObjectNode header() {
            return JSON.createObjectNode()
                    .put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        }

        private void write(ObjectNode chunk) throws IOException {
            send("data: " + JSON.writeValueAsString(chunk) + "\n\n");
        }

        private void send(String event) throws IOException {
            out.write(event.getBytes(UTF_8));
            out.flush();
        }
    }

    /** Thrown to end a stream abruptly: no finish chunk, no usage, no [DONE], no closing chunk. */
    private static final class CutConnection extends RuntimeException {

        CutConnection() {
            super("simulated connection cut", null, false, false);
        }
    }
}

package io.llm402.ops.simulator;

import static io.llm402.ops.simulator.Behaviour.UNSET;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llm402.ops.simulator.Behaviour.Flavor;
import io.llm402.ops.simulator.Call.Guard;
import io.llm402.ops.simulator.Call.Handler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A fake upstream on 127.0.0.1 that speaks every provider's wire format. The path prefix (everything before the first
 * {@code /v1/}, {@code /v1beta/}, {@code /v2/} or {@code /openai/}) chooses the behaviour through its
 * {@code key=value} segments (see {@link Behaviour}), so one simulator serves every scenario and a channel's
 * {@code base_url}, such as {@code http://127.0.0.1:9999/sim/cached=100}, picks its own for any provider.
 *
 * <p>Endpoints, after the prefix (POST unless noted):
 * <ul>
 *   <li>OpenAI: {@code /v1/chat/completions}, {@code /v1/completions}, {@code /v1/responses},
 *       {@code /v1/embeddings}, {@code GET /v1/models}; with {@code flavor=deepseek} chat reports usage like
 *       DeepSeek.</li>
 *   <li>Azure OpenAI ({@code api-key} header required): {@code /openai/deployments/{deployment}/chat/completions},
 *       {@code .../completions}, {@code .../embeddings} (all need {@code ?api-version=}; the answer's model is the
 *       deployment), and {@code /openai/v1/chat/completions}, {@code /completions}, {@code /responses},
 *       {@code /embeddings}.</li>
 *   <li>Anthropic ({@code x-api-key} and {@code anthropic-version} required): {@code /v1/messages},
 *       {@code /v1/messages/count_tokens}.</li>
 *   <li>Gemini ({@code x-goog-api-key} or {@code ?key=} required): {@code /v1beta/models/{model}:generateContent},
 *       {@code :streamGenerateContent} (SSE with {@code ?alt=sse}), {@code :countTokens}, {@code :embedContent},
 *       {@code :batchEmbedContents}; the same under {@code /v1/models/}.</li>
 *   <li>Rerank: {@code /v2/rerank} (Cohere v2), {@code /v1/rerank} (Cohere v1, or Jina with {@code flavor=jina}).</li>
 * </ul>
 * Errors come in the provider's own shape. Streams send the pieces {@code "tok0 "}, {@code "tok1 "}, ... Each
 * prefix's last request is kept for {@link #lastRequest(String)}.
 *
 * <p>OpenAI Chat, Claude Messages and Gemini generate answers can carry everything a format conversion must keep:
 * with {@code reasoning>0} reasoning text before the text (Chat {@code reasoning_content}, a signed Claude
 * {@code thinking} block, a Gemini {@code thought} part), and with {@code tools=N} N tool calls after it, named
 * {@code tool_0} ... with arguments {@code {"city":"City<i>","unit":"c"}}, except that the last of two or more has
 * none ({@code {}}). Ids are {@code call_<i>} (Chat) and {@code toolu_<i>} (Claude); Gemini's calls have none and the
 * first carries {@code thoughtSignature: "sig-sim-0"}. Chat streams the calls in parallel, their argument fragments
 * alternating by {@code index}; Claude streams one {@code tool_use} block after another; Gemini sends them all in its
 * last chunk. The finish reason becomes {@code tool_calls} / {@code tool_use} (Gemini: still {@code STOP}); the
 * token usage does not change.
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

    /** Where the prefix ends: the first of these in the path starts the provider's own path. */
    private static final List<String> PREFIX_ENDS = List.of("/v1/", "/v1beta/", "/v2/", "/openai/");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> requestsByPrefix = new ConcurrentHashMap<>();
    /** Prefixes made to fail with a status for now, whatever their behaviour says (an upstream that goes down). */
    private final Map<String, Integer> outages = new ConcurrentHashMap<>();
    private final Map<String, SeenRequest> lastRequests = new ConcurrentHashMap<>();
    private final Set<String> revokedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> requestsByKey = new ConcurrentHashMap<>();
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

    /**
     * Requests whose prefix (the path before {@code /v1/}, {@code /v1beta/}, {@code /v2/} or {@code /openai/}) was
     * exactly {@code prefix}, e.g. {@code /sim/status=503}.
     */
    public long requestCount(String prefix) {
        LongAdder count = requestsByPrefix.get(prefix);
        return count == null ? 0 : count.sum();
    }

    /** The last request received under {@code prefix}; null if none since the start or {@link #resetCounts()}. */
    public @Nullable SeenRequest lastRequest(String prefix) {
        return lastRequests.get(prefix);
    }

    /** From now on, every request under {@code prefix} fails with {@code status} until {@link #restore}. */
    public void takeDown(String prefix, int status) {
        outages.put(prefix, status);
    }

    /** Ends an outage started with {@link #takeDown}. */
    public void restore(String prefix) {
        outages.remove(prefix);
    }

    /** From now on, every request made with {@code key} is refused with 401 {@code invalid_api_key}. */
    public void revoke(String key) {
        revokedKeys.add(key);
    }

    /** Accepts a revoked key again. */
    public void reinstate(String key) {
        revokedKeys.remove(key);
    }

    /** Requests made with {@code key} (bearer, {@code x-api-key}, {@code x-goog-api-key} or {@code api-key}). */
    public long requestCountWithKey(String key) {
        LongAdder count = requestsByKey.get(key);
        return count == null ? 0 : count.sum();
    }

    /** Forgets the counts and the last requests. */
    public void resetCounts() {
        requestsByKey.clear();
        requests.reset();
        requestsByPrefix.clear();
        lastRequests.clear();
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
        } catch (EventStream.CutConnection e) {
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
        int end = prefixEnd(path);
        String prefix = end < 0 ? path : path.substring(0, end);
        requests.increment();
        requestsByPrefix.computeIfAbsent(prefix, p -> new LongAdder()).increment();
        // Read the whole request first so the connection can be reused.
        byte[] body = exchange.getRequestBody().readAllBytes();
        SeenRequest seen = seen(exchange, body);
        lastRequests.put(prefix, seen);
        long number = ids.incrementAndGet();
        String key = keyOf(seen);
        if (key != null) {
            requestsByKey.computeIfAbsent(key, k -> new LongAdder()).increment();
            if (revokedKeys.contains(key)) {
                Call.sendRevoked(exchange, "req_sim_" + number);
                return;
            }
        }
        if (end < 0) {
            Call.sendError(exchange, Dialect.OPENAI, 404, "no /v1/, /v1beta/, /v2/ or /openai/ in path " + path,
                    "req_sim_" + number);
            return;
        }
        String rest = path.substring(end);
        if (rest.length() > 1 && rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        Behaviour behaviour;
        try {
            behaviour = Behaviour.parse(prefix);
        } catch (IllegalArgumentException e) {
            Route route = route(rest, Flavor.STANDARD);
            Call.sendError(exchange, route.dialect(), 400, "simulator: " + e.getMessage(), "req_sim_" + number);
            return;
        }
        Route route = route(rest, behaviour.flavor());
        Call call = new Call(exchange, behaviour, route.dialect(), body, number);
        Call.pause(behaviour.latencyMs());
        if (!route.guard().admit(call)) {
            return;
        }
        int status = outages.getOrDefault(prefix, behaviour.status());
        if (status != UNSET) {
            if (status == 429) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            call.fail(status, "simulated upstream error");
            return;
        }
        if (behaviour.garbage()) {
            Call.send(exchange, 200, "this is not json".getBytes(UTF_8));
            return;
        }
        if (behaviour.streamError() && call.streamRequested(rest)) {
            call.failInStream("simulated error before the first event");
            return;
        }
        if (route.method() != null && !route.method().equals(exchange.getRequestMethod())) {
            call.fail(405, "use " + route.method() + " for " + rest);
            return;
        }
        route.handler().serve(call);
    }

    private static @Nullable String keyOf(SeenRequest seen) {
        String bearer = seen.headers().get("authorization");
        if (bearer != null && bearer.startsWith("Bearer ")) {
            return bearer.substring("Bearer ".length());
        }
        for (String header : List.of("x-api-key", "x-goog-api-key", "api-key")) {
            if (seen.headers().get(header) != null) {
                return seen.headers().get(header);
            }
        }
        return null;
    }

    /** Where the prefix ends: the earliest of {@link #PREFIX_ENDS}, or -1. */
    private static int prefixEnd(String path) {
        int end = -1;
        for (String marker : PREFIX_ENDS) {
            int at = path.indexOf(marker);
            if (at >= 0 && (end < 0 || at < end)) {
                end = at;
            }
        }
        return end;
    }

    private static SeenRequest seen(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        String query = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        return new SeenRequest(exchange.getRequestMethod(), pathAndQuery, headers, new String(body, UTF_8));
    }

    /** Which wire format answers {@code rest}, the path from the version (or {@code /openai/}) segment on. */
    private static Route route(String rest, Flavor flavor) {
        return switch (rest) {
            case "/v1/models" -> new Route(Dialect.OPENAI, "GET", Guard.OPEN, OpenAiWire::models);
            case "/v1/chat/completions" -> post(Dialect.OPENAI, Guard.OPEN, call -> OpenAiWire.chat(call, null));
            case "/v1/completions" -> post(Dialect.OPENAI, Guard.OPEN, call -> OpenAiWire.completions(call, null));
            case "/v1/responses" -> post(Dialect.OPENAI, Guard.OPEN, OpenAiWire::responses);
            case "/v1/embeddings" -> post(Dialect.OPENAI, Guard.OPEN, call -> OpenAiWire.embeddings(call, null));
            case "/v1/messages" -> post(Dialect.ANTHROPIC, AnthropicWire::admit, AnthropicWire::messages);
            case "/v1/messages/count_tokens" -> post(Dialect.ANTHROPIC, AnthropicWire::admit,
                    AnthropicWire::countTokens);
            case "/v1/rerank" -> post(flavor == Flavor.JINA ? Dialect.JINA : Dialect.COHERE, Guard.OPEN,
                    call -> RerankWire.rerank(call, false));
            case "/v2/rerank" -> post(Dialect.COHERE, Guard.OPEN, call -> RerankWire.rerank(call, true));
            case "/openai/v1/chat/completions" -> post(Dialect.OPENAI, OpenAiWire::azureKey,
                    call -> OpenAiWire.chat(call, null));
            case "/openai/v1/completions" -> post(Dialect.OPENAI, OpenAiWire::azureKey,
                    call -> OpenAiWire.completions(call, null));
            case "/openai/v1/responses" -> post(Dialect.OPENAI, OpenAiWire::azureKey, OpenAiWire::responses);
            case "/openai/v1/embeddings" -> post(Dialect.OPENAI, OpenAiWire::azureKey,
                    call -> OpenAiWire.embeddings(call, null));
            default -> rest.startsWith("/openai/deployments/") ? azureDeployment(rest) : gemini(rest);
        };
    }

    /** {@code /openai/deployments/{deployment}/<operation>}: the deployment names the model. */
    private static Route azureDeployment(String rest) {
        String tail = rest.substring("/openai/deployments/".length());
        int slash = tail.indexOf('/');
        if (slash <= 0) {
            return notFound(Dialect.OPENAI, rest);
        }
        String deployment = tail.substring(0, slash);
        return switch (tail.substring(slash)) {
            case "/chat/completions" -> post(Dialect.OPENAI, OpenAiWire::azureKeyAndVersion,
                    call -> OpenAiWire.chat(call, deployment));
            case "/completions" -> post(Dialect.OPENAI, OpenAiWire::azureKeyAndVersion,
                    call -> OpenAiWire.completions(call, deployment));
            case "/embeddings" -> post(Dialect.OPENAI, OpenAiWire::azureKeyAndVersion,
                    call -> OpenAiWire.embeddings(call, deployment));
            default -> notFound(Dialect.OPENAI, rest);
        };
    }

    /** {@code /v1beta/models/{model}:{method}} (or under {@code /v1/}); anything else unknown is a 404. */
    private static Route gemini(String rest) {
        String models = rest.startsWith("/v1beta/models/") ? "/v1beta/models/"
                : rest.startsWith("/v1/models/") ? "/v1/models/" : null;
        if (models == null) {
            Dialect dialect = rest.startsWith("/v1beta/") ? Dialect.GEMINI
                    : rest.startsWith("/v2/") ? Dialect.COHERE : Dialect.OPENAI;
            return notFound(dialect, rest);
        }
        String tail = rest.substring(models.length());
        int colon = tail.lastIndexOf(':');
        if (colon <= 0) { // e.g. OpenAI's GET /v1/models/{id}, which the simulator does not serve
            return notFound(models.startsWith("/v1beta/") ? Dialect.GEMINI : Dialect.OPENAI, rest);
        }
        Handler handler = GeminiWire.method(tail.substring(0, colon), tail.substring(colon + 1));
        return handler == null ? notFound(Dialect.GEMINI, rest) : post(Dialect.GEMINI, GeminiWire::admit, handler);
    }

    private static Route post(Dialect dialect, Guard guard, Handler handler) {
        return new Route(dialect, "POST", guard, handler);
    }

    private static Route notFound(Dialect dialect, String rest) {
        return new Route(dialect, null, Guard.OPEN, call -> call.fail(404, "unknown endpoint " + rest));
    }

    /** How one path is answered: the error shape, the method it takes (null: any), who may call, the answer. */
    private record Route(Dialect dialect, @Nullable String method, Guard guard, Handler handler) {
    }
}

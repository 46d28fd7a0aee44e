package io.llm402.ops.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLDecoder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One request being answered: what every wire format needs to read it and to reply. */
final class Call {

    static final JsonMapper JSON = JsonMapper.shared();

    private final HttpExchange exchange;
    private final Behaviour behaviour;
    private final Dialect dialect;
    private final byte[] body;
    private final long number;
    private final Map<String, String> query;

    Call(HttpExchange exchange, Behaviour behaviour, Dialect dialect, byte[] body, long number) {
        this.exchange = exchange;
        this.behaviour = behaviour;
        this.dialect = dialect;
        this.body = body;
        this.number = number;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    Behaviour behaviour() {
        return behaviour;
    }

    Dialect dialect() {
        return dialect;
    }

    /** {@code prefix} and this request's number: unique within the simulator. */
    String id(String prefix) {
        return prefix + number;
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    @Nullable String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    @Nullable String query(String name) {
        return query.get(name);
    }

    /** The body as a JSON object; if it is not one, answers 400 in this call's dialect and returns null. */
    @Nullable JsonNode requestJson() throws IOException {
        @Nullable JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            fail(400, "request body is not a JSON object");
            return null;
        }
        return json;
    }

    void sendJson(int status, JsonNode json) throws IOException {
        send(exchange, status, JSON.writeValueAsBytes(json));
    }

    /** Answers {@code status} with this provider's error body. */
    void fail(int status, String message) throws IOException {
        sendError(exchange, dialect, status, message, id("req_sim_"));
    }

    /** Whether the client asked for a stream (a {@code stream: true} body, or Gemini's streaming method). */
    boolean streamRequested(String path) {
        if (path.contains(":streamGenerateContent")) {
            return true;
        }
        try {
            return flag(JSON.readTree(body).path("stream"));
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** A 200 stream whose only event is the provider's in-band error (OpenAI's error chunk, Claude's error event). */
    void failInStream(String message) throws IOException {
        EventStream events = startEvents();
        if (dialect == Dialect.ANTHROPIC) {
            events.event("error", JSON.readTree("{\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                    + "\"message\":\"" + message + "\"}}"));
        } else {
            events.data(JSON.readTree("{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\"}}"));
        }
        exchange.getResponseBody().close();
    }

    /** Sends the 200 headers of a streamed body ({@code text/event-stream} unless a format streams otherwise). */
    EventStream startStream(String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0); // 0 = chunked
        return new EventStream(exchange.getResponseBody());
    }

    EventStream startEvents() throws IOException {
        return startStream("text/event-stream");
    }

    /**
     * Sends {@code chunks} text pieces through {@code writer}, {@code chunkDelay} ms before each; with
     * {@code cutAfter} it sends that many and then drops the connection instead of returning.
     */
    void streamPieces(PieceWriter writer) throws IOException {
        int pieces = behaviour.streamedChunks();
        for (int i = 0; i < pieces; i++) {
            pause(behaviour.chunkDelayMs());
            writer.write(i, Fake.piece(i));
        }
        if (behaviour.cuts()) {
            // Let what was sent reach the peer first: a reset right behind the data can make a client drop it
            // (20 ms was too short on a loaded 2-core CI machine: the MariaDB run lost the first piece once).
            pause(200);
            throw new EventStream.CutConnection();
        }
    }

    /** Whether piece {@code index} is the last one of a stream that finishes (a cut stream has no last piece). */
    boolean lastPiece(int index) {
        return !behaviour.cuts() && index == behaviour.chunks() - 1;
    }

    @FunctionalInterface
    interface PieceWriter {
        void write(int index, String text) throws IOException;
    }

    /** Answers a call in one wire format. */
    @FunctionalInterface
    interface Handler {
        void serve(Call call) throws IOException;
    }

    /** Checks a provider's auth before anything else; on refusal it has already answered and returns false. */
    @FunctionalInterface
    interface Guard {
        Guard OPEN = call -> true;

        boolean admit(Call call) throws IOException;
    }

    static String text(JsonNode node, String fallback) {
        return node.isString() ? node.asString() : fallback;
    }

    static boolean flag(JsonNode node) {
        return node.isBoolean() && node.booleanValue();
    }

    static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /** OpenAI's answer to a revoked key, as every provider's 401 reads to the gateway. */
    static void sendRevoked(HttpExchange exchange, String requestId) throws IOException {
        send(exchange, 401, JSON.writeValueAsBytes(Map.of("error", Map.of("message",
                "Incorrect API key provided. You can find your API key at the provider's dashboard.",
                "type", "invalid_request_error", "code", "invalid_api_key"), "request_id", requestId)));
    }

    static void sendError(HttpExchange exchange, Dialect dialect, int status, String message, String requestId)
            throws IOException {
        send(exchange, status, JSON.writeValueAsBytes(dialect.error(status, message, requestId)));
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    static void pause(long millis) throws InterruptedIOException {
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

    private static Map<String, String> parseQuery(@Nullable String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.putIfAbsent(decode(name), decode(value));
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a stray '%': keep it as sent rather than fail the request
        }
    }
}

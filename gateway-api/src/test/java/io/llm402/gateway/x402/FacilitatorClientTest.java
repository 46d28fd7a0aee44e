package io.llm402.gateway.x402;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The facilitator client against an in-process HTTP server standing in for the facilitator. */
class FacilitatorClientTest {

    private static final String AUTH_HEADER = "Authorization";
    private static final String AUTH_VALUE = "Bearer s3cr3t-facilitator-token";
    private static final String TX = "0x" + "ab".repeat(32);

    private static final String VALID = "{\"isValid\":true,\"payer\":\"" + X402Fixtures.PAYER + "\"}";
    private static final String INVALID = "{\"isValid\":false,\"invalidReason\":\"invalid_exact_evm_signature\","
            + "\"invalidMessage\":\"the signature does not recover to from\",\"payer\":\"" + X402Fixtures.PAYER + "\"}";
    private static final String SETTLED = "{\"success\":true,\"payer\":\"" + X402Fixtures.PAYER + "\",\"transaction\":\""
            + TX + "\",\"network\":\"eip155:84532\",\"extensions\":{}}";
    private static final String NOT_SETTLED = "{\"success\":false,\"errorReason\":\"invalid_exact_evm_insufficient_balance\","
            + "\"payer\":\"" + X402Fixtures.PAYER + "\",\"transaction\":\"\",\"network\":\"eip155:84532\"}";
    private static final String PENDING = "{\"success\":false,\"errorReason\":\"settlement_pending\",\"transaction\":\""
            + TX + "\",\"network\":\"eip155:84532\"}";

    private HttpServer server;
    private ExecutorService executor;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private record Recorded(String method, String path, String body, @Nullable String auth,
                            @Nullable String contentType) {
    }

    private record Reply(int status, String contentType, String body, Map<String, String> headers, long delayMillis) {

        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, Map.of(), 0);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Handlers run off the dispatcher thread, so a handler that sleeps does not hold up stop().
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void aValidVerificationIsReadAndTheRequestHasTheProtocolsShape() throws Exception {
        AtomicInteger calls = route("verify", Reply.json(200, VALID));
        PaymentPayload payload = X402Fixtures.payload();

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            VerifyResponse response = client.verify(payload, X402Fixtures.requirements());

            assertThat(response).isEqualTo(new VerifyResponse(true, null, null, X402Fixtures.PAYER));
        }
        assertThat(calls).hasValue(1);
        Recorded request = requests.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/facilitator/verify");
        assertThat(request.auth()).isEqualTo(AUTH_VALUE);
        assertThat(request.contentType()).startsWith("application/json");
        JsonNode body = X402Codec.json().readTree(request.body());
        assertThat(List.copyOf(body.propertyNames()))
                .containsExactlyInAnyOrder("x402Version", "paymentPayload", "paymentRequirements");
        assertThat(body.get("x402Version").asInt()).isEqualTo(2);
        assertThat(X402Codec.json().treeToValue(body.get("paymentPayload"), PaymentPayload.class)).isEqualTo(payload);
        assertThat(X402Codec.json().treeToValue(body.get("paymentRequirements"), PaymentRequirements.class))
                .isEqualTo(X402Fixtures.requirements());
    }

    @Test
    void anInvalidVerificationIsAnAnswerWhether200Or400() throws Exception {
        route("verify", Reply.json(200, INVALID), Reply.json(400, INVALID));
        VerifyResponse expected = new VerifyResponse(false, "invalid_exact_evm_signature",
                "the signature does not recover to from", X402Fixtures.PAYER);

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            assertThat(client.verify(X402Fixtures.payload(), X402Fixtures.requirements())).isEqualTo(expected);
            assertThat(client.verify(X402Fixtures.payload(), X402Fixtures.requirements())).isEqualTo(expected);
        }
    }

    @Test
    void aSuccessfulSettlementIsRead() throws Exception {
        AtomicInteger calls = route("settle", Reply.json(200, SETTLED));

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            SettlementResponse response = client.settle(X402Fixtures.payload(), X402Fixtures.requirements());

            assertThat(response).isEqualTo(
                    new SettlementResponse(true, null, null, X402Fixtures.PAYER, TX, "eip155:84532", null));
        }
        assertThat(calls).hasValue(1);
        JsonNode body = X402Codec.json().readTree(requests.getFirst().body());
        assertThat(List.copyOf(body.propertyNames()))
                .containsExactlyInAnyOrder("x402Version", "paymentPayload", "paymentRequirements");
        assertThat(requests.getFirst().auth()).isEqualTo(AUTH_VALUE);
    }

    @Test
    void aFailedSettlementIsAnAnswerEvenWithAnErrorStatus() throws Exception {
        AtomicInteger calls = route("settle", Reply.json(402, NOT_SETTLED));

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            SettlementResponse response = client.settle(X402Fixtures.payload(), X402Fixtures.requirements());

            assertThat(response.success()).isFalse();
            assertThat(response.errorReason()).isEqualTo("invalid_exact_evm_insufficient_balance");
            assertThat(response.transaction()).isEmpty();
        }
        assertThat(calls).as("a terminal failure is not retried").hasValue(1);
    }

    @Test
    void aPendingSettlementIsAskedAgainOnceWithTheSameBody() throws Exception {
        AtomicInteger calls = route("settle", Reply.json(200, PENDING), Reply.json(200, SETTLED));

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            SettlementResponse response = client.settle(X402Fixtures.payload(), X402Fixtures.requirements());

            assertThat(response.success()).isTrue();
            assertThat(response.transaction()).isEqualTo(TX);
        }
        assertThat(calls).hasValue(2);
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
    }

    @Test
    void aSettlementStillPendingAfterTheRetryIsReturnedAsIs() throws Exception {
        AtomicInteger calls = route("settle", Reply.json(200, PENDING));

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            SettlementResponse response = client.settle(X402Fixtures.payload(), X402Fixtures.requirements());

            assertThat(response.success()).isFalse();
            assertThat(response.pending()).isTrue();
            assertThat(response.errorReason()).isEqualTo("settlement_pending");
            assertThat(response.transaction()).isEqualTo(TX);
        }
        assertThat(calls).as("exactly one retry").hasValue(2);
    }

    @Test
    void anErrorPageIsAFacilitatorFailureThatGivesNothingAway() {
        route("verify", new Reply(500, "text/html", "<html><body>Internal Server Error</body></html>", Map.of(), 0));
        route("settle", new Reply(502, "text/html", "<html>Bad Gateway</html>", Map.of(), 0));

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            assertFacilitatorFailure(() -> client.verify(X402Fixtures.payload(), X402Fixtures.requirements()));
            assertFacilitatorFailure(() -> client.settle(X402Fixtures.payload(), X402Fixtures.requirements()));
        }
    }

    @Test
    void a2xxAnswerThatIsNotTheMessageIsAFacilitatorFailure() {
        route("verify", Reply.json(200, "{\"ok\":true}"));
        route("settle", new Reply(200, "text/plain", "settled!", Map.of(), 0));

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            assertFacilitatorFailure(() -> client.verify(X402Fixtures.payload(), X402Fixtures.requirements()));
            assertFacilitatorFailure(() -> client.settle(X402Fixtures.payload(), X402Fixtures.requirements()));
        }
    }

    @Test
    void aSlowFacilitatorTimesOut() {
        route("verify", new Reply(200, "application/json", VALID, Map.of(), 2_000));

        try (FacilitatorClient client = client(Duration.ofMillis(300))) {
            long start = System.nanoTime();
            assertFacilitatorFailure(() -> client.verify(X402Fixtures.payload(), X402Fixtures.requirements()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
        }
    }

    @Test
    void aVerificationWhoseConnectionIsDroppedIsSentOnceMore() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/facilitator/verify", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (calls.incrementAndGet() == 1) {
                exchange.close(); // the connection ends without an answer, as a pooled one the server closed
                return;
            }
            byte[] body = VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            assertThat(client.verify(X402Fixtures.payload(), X402Fixtures.requirements()).isValid()).isTrue();
        }
        assertThat(calls).hasValue(2);
    }

    @Test
    void anUnreachableFacilitatorIsAFacilitatorFailure() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        try (FacilitatorClient client = new FacilitatorClient(URI.create("http://127.0.0.1:" + port + "/facilitator"),
                AUTH_HEADER, AUTH_VALUE, Duration.ofSeconds(2))) {
            assertFacilitatorFailure(() -> client.verify(X402Fixtures.payload(), X402Fixtures.requirements()));
        }
    }

    @Test
    void supportedIsReadIgnoringWhatItDoesNotNeed() throws Exception {
        route("supported", Reply.json(200, """
                {"kinds":[{"x402Version":2,"scheme":"exact","network":"eip155:84532","extra":{}},
                          {"x402Version":1,"scheme":"exact","network":"base-sepolia"}],
                 "extensions":["bazaar"],"signers":{"eip155:*":["0x1"]}}"""));

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            SupportedResponse supported = client.supported();

            assertThat(supported.kinds()).hasSize(2);
            assertThat(supported.supports(2, "exact", "eip155:84532")).isTrue();
            assertThat(supported.supports(2, "exact", "eip155:8453")).isFalse();
        }
        assertThat(requests.getFirst().method()).isEqualTo("GET");
        assertThat(requests.getFirst().auth()).isEqualTo(AUTH_VALUE);
    }

    @Test
    void supportedIsRetriedWhenRateLimited() throws Exception {
        Reply limited = new Reply(429, "application/json", "{}", Map.of("Retry-After", "0"), 0);
        AtomicInteger calls = route("supported", limited, limited,
                Reply.json(200, "{\"kinds\":[{\"x402Version\":2,\"scheme\":\"exact\",\"network\":\"eip155:1\"}]}"));

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            assertThat(client.supported().supports(2, "exact", "eip155:1")).isTrue();
        }
        assertThat(calls).hasValue(3);
    }

    @Test
    void supportedGivesUpAfterThreeRetries() {
        AtomicInteger calls = route("supported",
                new Reply(429, "application/json", "{}", Map.of("Retry-After", "0"), 0));

        try (FacilitatorClient client = client(Duration.ofSeconds(5))) {
            assertFacilitatorFailure(client::supported);
        }
        assertThat(calls).hasValue(4);
    }

    @Test
    void aTrailingSlashOnTheBaseUrlIsHarmlessAndNoAuthHeaderIsSentWhenNoneIsConfigured() throws Exception {
        route("verify", Reply.json(200, VALID));

        try (FacilitatorClient client = new FacilitatorClient(URI.create(baseUrl() + "/"), null, null,
                Duration.ofSeconds(5))) {
            assertThat(client.verify(X402Fixtures.payload(), X402Fixtures.requirements()).isValid()).isTrue();
        }
        assertThat(requests.getFirst().path()).isEqualTo("/facilitator/verify");
        assertThat(requests.getFirst().auth()).isNull();
    }

    private interface Call {
        void run() throws Exception;
    }

    private void assertFacilitatorFailure(Call call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(FacilitatorException.class, e -> assertThat(e.getMessage())
                        .isNotBlank()
                        .doesNotContain(baseUrl())
                        .doesNotContain("127.0.0.1")
                        .doesNotContain(String.valueOf(server.getAddress().getPort()))
                        .doesNotContain(AUTH_VALUE)
                        .doesNotContain("s3cr3t"));
    }

    private FacilitatorClient client(Duration timeout) {
        return new FacilitatorClient(URI.create(baseUrl()), AUTH_HEADER, AUTH_VALUE, timeout);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/facilitator";
    }

    /** Answers the endpoint with the replies in turn, repeating the last one; returns the call counter. */
    private AtomicInteger route(String endpoint, Reply... replies) {
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/facilitator/" + endpoint, exchange -> {
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
                        exchange.getRequestHeaders().getFirst(AUTH_HEADER),
                        exchange.getRequestHeaders().getFirst("Content-Type")));
                Reply reply = replies[Math.min(calls.getAndIncrement(), replies.length - 1)];
                if (reply.delayMillis() > 0) {
                    Thread.sleep(reply.delayMillis());
                }
                exchange.getResponseHeaders().add("Content-Type", reply.contentType());
                reply.headers().forEach(exchange.getResponseHeaders()::add);
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        return calls;
    }
}

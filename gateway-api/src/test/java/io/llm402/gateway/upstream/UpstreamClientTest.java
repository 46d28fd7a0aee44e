package io.llm402.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpstreamClientTest {

    /**
     * A client that leaves a stream must not make the gateway read the rest of it: closing the body early aborts the
     * connection, so the upstream's next write fails instead of all of its chunks being drained.
     */
    @Test
    void closingABodyEarlyAbortsTheUpstreamInsteadOfDrainingIt() throws Exception {
        CompletableFuture<Integer> chunksWrittenBeforeFailure = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            int written = 0;
            try (OutputStream out = exchange.getResponseBody()) {
                for (; written < 200; written++) {
                    out.write("data: chunk\n\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(20);
                }
                chunksWrittenBeforeFailure.complete(written);
            } catch (Exception e) {
                chunksWrittenBeforeFailure.complete(written);
            }
        });
        server.start();
        try (UpstreamClient client = new UpstreamClient(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(30))) {
            UpstreamResponse response = client.send(new UpstreamRequest(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions"),
                    List.of("Content-Type", "application/json", "Authorization", "Bearer k"), "{}".getBytes()));
            assertThat(response.statusCode()).isEqualTo(200);
            InputStream body = response.body();
            assertThat(body.read(new byte[8])).isPositive();
            body.close();
            assertThat(chunksWrittenBeforeFailure.get(30, TimeUnit.SECONDS)).isLessThan(200);
        } finally {
            server.stop(0);
        }
    }

    /**
     * An upstream that restarts closes every pooled keep-alive connection. The next request must go out on a fresh
     * connection, not fail on a dead one: with a single channel that failure was answered 502.
     */
    @Test
    void aRestartedUpstreamIsReachedOnAFreshConnection() throws Exception {
        HttpServer first = answering(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        int port = first.getAddress().getPort();
        try (UpstreamClient client = new UpstreamClient(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(30))) {
            try {
                assertThat(call(client, port)).isEqualTo(200);
            } finally {
                first.stop(0);
            }
            HttpServer second = answering(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
            try {
                Thread.sleep(UpstreamClient.VALIDATE_AFTER_IDLE.toMilliseconds() + 200);
                assertThat(call(client, port)).isEqualTo(200);
            } finally {
                second.stop(0);
            }
        }
    }

    private static HttpServer answering(HttpServer server) {
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static int call(UpstreamClient client, int port) throws Exception {
        UpstreamResponse response = client.send(new UpstreamRequest(
                URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"),
                List.of("Content-Type", "application/json"), "{}".getBytes()));
        try (InputStream body = response.body()) {
            body.readAllBytes();
        }
        return response.statusCode();
    }

    /**
     * Each timeout does what its name says: with a first-byte timeout of 1 s below an idle timeout of 10 s, an upstream
     * silent for 3 s before its headers is a timeout (the relay fails over), not an answer after 3 s.
     */
    @Test
    void aFirstByteTimeoutShorterThanTheIdleTimeoutStillHolds() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(3_000);
                exchange.sendResponseHeaders(200, -1);
            } catch (Exception e) {
                // the client gave up
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        try (UpstreamClient client = new UpstreamClient(Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(10))) {
            UpstreamRequest request = new UpstreamRequest(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions"),
                    List.of("Content-Type", "application/json"), "{}".getBytes());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(request))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        } finally {
            server.stop(0);
        }
    }
}

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
}

package io.llm402.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Guards the Boot 4 buffering trap: the server writes the first event, then waits until the client has read it
 * before writing the second. If the first event were held back, the client could never signal and the server's
 * wait would run out. Ordering, not timing, is asserted.
 */
@SpringBootTest(classes = EventStreamResponseTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.threads.virtual.enabled=true")
class EventStreamResponseTest {

    static volatile CountDownLatch clientReadFirstEvent;
    static final AtomicBoolean firstEventArrivedBeforeSecondWasWritten = new AtomicBoolean();

    @LocalServerPort
    int port;

    @Test
    void fromTheRequestThread() throws Exception {
        assertTheFirstEventArrivesBeforeTheStreamEnds("/stream/direct");
    }

    /** The case that buffers on Boot 4 when only {@code flush()} is called. */
    @Test
    void fromAStreamingResponseBody() throws Exception {
        assertTheFirstEventArrivesBeforeTheStreamEnds("/stream/async");
    }

    private void assertTheFirstEventArrivesBeforeTheStreamEnds(String path) throws Exception {
        clientReadFirstEvent = new CountDownLatch(1);
        firstEventArrivedBeforeSecondWasWritten.set(false);
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("data: one");
            clientReadFirstEvent.countDown();
            assertThat(reader.readLine()).isEmpty();
            assertThat(reader.readLine()).isEqualTo("data: two");
        }
        assertThat(firstEventArrivedBeforeSecondWasWritten).isTrue();
    }

    @SpringBootConfiguration
    // Only the streaming path is under test here; the application's security covers /api/* alone (ops).
    @EnableAutoConfiguration(exclude = {SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
    @Import(StreamController.class)
    static class App {
    }

    @RestController
    static class StreamController {

        @GetMapping("/stream/direct")
        void direct(HttpServletResponse response) throws Exception {
            writeTwoEvents(EventStreamResponse.open(response));
        }

        @GetMapping("/stream/async")
        ResponseEntity<StreamingResponseBody> async(HttpServletResponse response) {
            return ResponseEntity.ok().body(out -> {
                try {
                    writeTwoEvents(EventStreamResponse.open(response, out));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        private static void writeTwoEvents(EventStreamResponse stream) throws IOException, InterruptedException {
            stream.send("data: one\n\n".getBytes(StandardCharsets.UTF_8));
            firstEventArrivedBeforeSecondWasWritten.set(clientReadFirstEvent.await(10, TimeUnit.SECONDS));
            stream.send("data: two\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}

package io.llm402.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Calls upstream providers with the JDK HttpClient: pooled keep-alive connections, HTTP/1.1, virtual threads,
 * explicit timeouts (connect, and headers = time to first byte). Bodies are streamed, never buffered here.
 */
public final class UpstreamClient {

    private final HttpClient http;
    private final Duration firstByteTimeout;

    public UpstreamClient(Duration connectTimeout, Duration firstByteTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.firstByteTimeout = firstByteTimeout;
    }

    /** Sends one upstream request; throws {@link IOException} on connect errors and timeouts. */
    public HttpResponse<InputStream> send(UpstreamRequest upstream) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(upstream.uri())
                .timeout(firstByteTimeout)
                .headers(upstream.headers().toArray(String[]::new))
                .POST(HttpRequest.BodyPublishers.ofByteArray(upstream.body()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }
}

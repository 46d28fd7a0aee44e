package io.llm402.gateway.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Calls upstream providers with Apache HttpClient 5 (classic, blocking): each request does its socket I/O on its own
 * virtual thread, with pooled keep-alive connections, HTTP/1.1, no redirects, no automatic retries (failover is the
 * relay's decision) and no transparent decompression. Bodies are streamed, never buffered here.
 *
 * <p>The socket timeout is the longer of the first-byte and idle timeouts; {@link IdleTimeouts} enforces the idle
 * limit on bodies precisely by aborting the call. A first-byte timeout shorter than the idle one is enforced by a
 * deadline per call that aborts it when the response headers have not arrived in time (a {@link
 * SocketTimeoutException}, so the relay fails over as for any timeout).
 */
public final class UpstreamClient implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 4096;

    /**
     * A pooled connection idle this long is checked before reuse. An upstream that restarted closed it, and a request
     * sent on it would fail (a POST is not retried); under load connections are never idle this long, so the check
     * costs nothing there.
     */
    static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(1);

    private final CloseableHttpClient http;
    private final PoolingHttpClientConnectionManager connections;
    private final Duration firstByteTimeout;
    /** Aborts calls whose headers are late; {@code null} when the socket timeout is the first-byte timeout already. */
    private final @Nullable ScheduledExecutorService firstByteDeadlines;

    public UpstreamClient(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout) {
        Timeout socketTimeout = Timeout.of(firstByteTimeout.compareTo(idleTimeout) >= 0 ? firstByteTimeout
                : idleTimeout);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(socketTimeout)
                        .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(socketTimeout)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        this.firstByteTimeout = firstByteTimeout;
        this.firstByteDeadlines = firstByteTimeout.compareTo(idleTimeout) < 0
                ? Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                        .name("upstream-first-byte").factory())
                : null;
    }

    /** Sends one upstream request; throws {@link IOException} on connect errors and timeouts. */
    public UpstreamResponse send(UpstreamRequest upstream) throws IOException {
        HttpPost post = new HttpPost(upstream.uri());
        List<String> headers = upstream.headers();
        for (int i = 0; i < headers.size(); i += 2) {
            // The entity states the content type; a second Content-Type header would be sent twice.
            if (!headers.get(i).equalsIgnoreCase("Content-Type")) {
                post.addHeader(headers.get(i), headers.get(i + 1));
            }
        }
        post.setEntity(new ByteArrayEntity(upstream.body(), ContentType.APPLICATION_JSON));
        ClassicHttpResponse response = firstByteDeadlines == null ? http.executeOpen(null, post, null)
                : executeBeforeDeadline(post, firstByteDeadlines);
        HttpEntity entity = response.getEntity();
        InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
        return new UpstreamResponse(response.getCode(), new AbortOnEarlyClose(body, post, response));
    }

    private ClassicHttpResponse executeBeforeDeadline(HttpPost post, ScheduledExecutorService deadlines)
            throws IOException {
        // Set before the abort, so whichever way the call ends, a fired deadline is told apart from any other failure.
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            fired.set(true);
            post.cancel();
        }, firstByteTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response;
        try {
            response = http.executeOpen(null, post, null);
        } catch (IOException e) {
            deadline.cancel(false);
            if (fired.get()) {
                throw late();
            }
            throw e;
        }
        deadline.cancel(false);
        if (fired.get()) {
            response.close(); // the deadline won the race: the exchange is aborted
            throw late();
        }
        return response;
    }

    private SocketTimeoutException late() {
        return new SocketTimeoutException("no response headers within " + firstByteTimeout);
    }

    @Override
    public void close() throws IOException {
        if (firstByteDeadlines != null) {
            firstByteDeadlines.shutdownNow();
        }
        http.close();
        connections.close();
    }

    /** Closing before the end aborts the exchange: draining the rest of a long stream would hold the thread. */
    private static final class AbortOnEarlyClose extends FilterInputStream {
        private final HttpPost request;
        private final ClassicHttpResponse response;
        private volatile boolean ended;

        AbortOnEarlyClose(InputStream in, HttpPost request, ClassicHttpResponse response) {
            super(in);
            this.request = request;
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                request.cancel();
            }
            try {
                super.close();
            } catch (IOException afterAbort) {
                // An aborted exchange may fail to close its stream; the connection is discarded either way.
            } finally {
                response.close();
            }
        }
    }
}

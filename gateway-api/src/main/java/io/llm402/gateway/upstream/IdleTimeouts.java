package io.llm402.gateway.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The idle limit between two pieces of an upstream body, kept apart from the socket timeout (which must also allow a
 * slow first byte): an upstream that stalls after its headers would otherwise hold a request and its reservation for
 * the whole socket timeout. Bodies read through {@link #watch} are closed when no byte arrived for the idle timeout;
 * the upstream client's body aborts the connection on an early close, which makes the pending read fail like a cut
 * connection. One checker thread serves every stream.
 */
public final class IdleTimeouts implements AutoCloseable {

    private final long idleNanos;
    private final Set<Watched> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("upstream-idle-check").factory());

    public IdleTimeouts(Duration idle) {
        this.idleNanos = idle.toNanos();
        long periodMs = Math.max(50, Math.min(1_000, idle.toMillis() / 4));
        checker.scheduleWithFixedDelay(this::closeIdle, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    public InputStream watch(InputStream body) {
        Watched watched = new Watched(body);
        open.add(watched);
        return watched;
    }

    private void closeIdle() {
        long now = System.nanoTime();
        for (Watched watched : open) {
            if (now - watched.lastActivity > idleNanos) {
                watched.timedOut = true;
                try {
                    watched.closeQuietly();
                } catch (RuntimeException e) {
                    // One stream that fails to close must not stop the checker for every other stream.
                    open.remove(watched);
                }
            }
        }
    }

    /** Whether the stream was closed because the upstream went silent. */
    public static boolean timedOut(InputStream stream) {
        return stream instanceof Watched watched && watched.timedOut;
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }

    private final class Watched extends FilterInputStream {
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean timedOut;

        Watched(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastActivity = System.nanoTime();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            lastActivity = System.nanoTime();
            return n;
        }

        @Override
        public void close() throws IOException {
            open.remove(this);
            super.close();
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException ignored) {
                // Closing is how the stalled read is ended; its failure changes nothing.
            }
        }
    }
}

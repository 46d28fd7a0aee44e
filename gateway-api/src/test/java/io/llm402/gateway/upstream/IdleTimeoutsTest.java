package io.llm402.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class IdleTimeoutsTest {

    @Test
    void aSilentBodyIsClosedAndItsReadFails() throws Exception {
        try (IdleTimeouts timeouts = new IdleTimeouts(Duration.ofMillis(200))) {
            InputStream body = timeouts.watch(new OneByteThenSilence());
            assertThat(body.read()).isEqualTo('x');
            // Nothing more arrives: the read blocks until the watchdog closes the stream.
            assertThatThrownBy(body::read).isInstanceOf(IOException.class);
            assertThat(IdleTimeouts.timedOut(body)).isTrue();
        }
    }

    /** An upstream that sends one byte, then nothing until its connection is closed. */
    private static final class OneByteThenSilence extends InputStream {
        private final CountDownLatch closed = new CountDownLatch(1);
        private boolean sent;

        @Override
        public int read() throws IOException {
            if (!sent) {
                sent = true;
                return 'x';
            }
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("connection closed");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void aBodyThatKeepsFlowingIsLeftAlone() throws Exception {
        try (IdleTimeouts timeouts = new IdleTimeouts(Duration.ofSeconds(30))) {
            InputStream body = timeouts.watch(new ByteArrayInputStream("data".getBytes()));
            assertThat(body.readAllBytes()).hasSize(4);
            assertThat(IdleTimeouts.timedOut(body)).isFalse();
        }
    }
}

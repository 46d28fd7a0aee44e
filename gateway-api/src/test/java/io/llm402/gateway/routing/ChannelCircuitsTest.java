package io.llm402.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.projections.catalog.api.ChannelView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A channel's circuit: closed → open after N faults in a row → one probe after the cool-down → closed or open. */
class ChannelCircuitsTest {

    private static final ChannelView CHANNEL = new ChannelView("ch-1", "flaky", "openai", "http://upstream",
            List.of(new ChannelKey("fp", "sealed")), KeySelection.RANDOM, List.of("m"), Map.of(), List.of("default"), 0, 1, null, false, null, true);

    private final MovableClock clock = new MovableClock();
    private final ChannelCircuits circuits = new ChannelCircuits(3, Duration.ofSeconds(30), clock);

    /** A clock the test moves: a cool-down passes without waiting for it. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T12:00:00Z");

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(circuits.tryEnter(CHANNEL)).isTrue();
            circuits.failed(CHANNEL, 1_000);
        }
    }

    @Test
    void opensOnlyAfterFaultsInARow() {
        fail(2);
        assertThat(circuits.tryEnter(CHANNEL)).isTrue();
        circuits.succeeded(CHANNEL, 1_000); // a success in between: the count starts again
        fail(2);
        assertThat(circuits.state(CHANNEL)).isEqualTo(CircuitBreaker.State.CLOSED);
        fail(1);
        assertThat(circuits.state(CHANNEL)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuits.tryEnter(CHANNEL)).as("passed over while cooling down").isFalse();
    }

    @Test
    void oneProbeAfterTheCoolDownClosesItOrOpensItAgain() {
        fail(3);
        clock.pass(Duration.ofSeconds(29));
        assertThat(circuits.tryEnter(CHANNEL)).as("still cooling down").isFalse();
        clock.pass(Duration.ofSeconds(2));
        assertThat(circuits.tryEnter(CHANNEL)).as("the probe").isTrue();
        assertThat(circuits.tryEnter(CHANNEL)).as("only one probe at a time").isFalse();
        circuits.failed(CHANNEL, 1_000);
        assertThat(circuits.state(CHANNEL)).isEqualTo(CircuitBreaker.State.OPEN);
        clock.pass(Duration.ofSeconds(31));
        assertThat(circuits.tryEnter(CHANNEL)).isTrue();
        circuits.succeeded(CHANNEL, 1_000);
        assertThat(circuits.state(CHANNEL)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(circuits.tryEnter(CHANNEL)).isTrue();
    }

    @Test
    void aClientsOwnErrorSaysNothingAboutTheChannel() {
        fail(3);
        clock.pass(Duration.ofSeconds(31));
        assertThat(circuits.tryEnter(CHANNEL)).isTrue();
        circuits.released(CHANNEL); // e.g. the upstream answered 400 to a malformed request
        assertThat(circuits.state(CHANNEL)).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(circuits.tryEnter(CHANNEL)).as("the probe slot is free again").isTrue();
    }

    @Test
    void zeroFailuresSwitchesCircuitsOff() {
        ChannelCircuits off = new ChannelCircuits(0, Duration.ofSeconds(30));
        for (int i = 0; i < 20; i++) {
            assertThat(off.tryEnter(CHANNEL)).isTrue();
            off.failed(CHANNEL, 1_000);
        }
    }
}

package io.llm402.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.llm402.projections.catalog.api.ChannelView;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A half-open circuit per channel on live traffic (beyond new-api, which keeps sending to a failing channel until an
 * operator or a test disables it): after {@code failures} channel faults in a row the channel is skipped for
 * {@code coolDown}, then one request is let through; its success closes the circuit, its failure opens it again.
 * Resilience4j's circuit breaker holds the state (a count-based window of {@code failures} calls that must all have
 * failed). Kept per node: each node learns of a failing upstream from its own traffic within a few requests.
 */
public final class ChannelCircuits {

    private static final Logger log = LoggerFactory.getLogger(ChannelCircuits.class);

    private final CircuitBreakerRegistry registry;
    private final boolean enabled;

    /** @param failures channel faults in a row that open a channel's circuit; 0 switches circuits off */
    public ChannelCircuits(int failures, Duration coolDown) {
        this(failures, coolDown, Clock.systemUTC());
    }

    /** With the clock the cool-downs are measured by (tests move it instead of waiting). */
    ChannelCircuits(int failures, Duration coolDown, Clock clock) {
        this.enabled = failures > 0;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(1, failures))
                .minimumNumberOfCalls(Math.max(1, failures))
                .failureRateThreshold(100f)
                .waitDurationInOpenState(coolDown)
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
        registry.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher()
                .onStateTransition(event -> log.info("Channel circuit {}: {}", event.getCircuitBreakerName(),
                        event.getStateTransition())));
    }

    /**
     * Whether a request may try the channel now: always while its circuit is closed; not while it is open and
     * cooling down; once (the probe) when the cool-down is over. A caller that was let in reports the outcome.
     */
    public boolean tryEnter(ChannelView channel) {
        return !enabled || circuit(channel).tryAcquirePermission();
    }

    public void succeeded(ChannelView channel, long nanos) {
        if (enabled) {
            circuit(channel).onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A channel fault: no connection, a timeout, a 401/402/403/404/408/429/5xx, an unusable answer. */
    public void failed(ChannelView channel, long nanos) {
        if (enabled) {
            circuit(channel).onError(nanos, TimeUnit.NANOSECONDS, ChannelFault.INSTANCE);
        }
    }

    /** The request ended for a reason that says nothing about the channel (the client's own error). */
    public void released(ChannelView channel) {
        if (enabled) {
            circuit(channel).releasePermission();
        }
    }

    /** The circuit's state, for tests and status pages. */
    public CircuitBreaker.State state(ChannelView channel) {
        return circuit(channel).getState();
    }

    private CircuitBreaker circuit(ChannelView channel) {
        return registry.circuitBreaker(channel.name() + "#" + channel.channelId());
    }

    /** What is recorded as a failure: the fault is in the log already, no stack trace is needed. */
    private static final class ChannelFault extends RuntimeException {
        static final ChannelFault INSTANCE = new ChannelFault();

        private ChannelFault() {
            super("channel fault", null, false, false);
        }
    }
}

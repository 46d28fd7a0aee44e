package io.llm402.gateway.management.auth;

import java.time.Duration;

/**
 * Values that may be used once across the cluster (a signed Telegram login payload). The application supplies it (a
 * Hazelcast map, so a payload used on one node is refused on every other).
 */
public interface OneTimeValues {

    /** {@code true} the first time {@code value} is offered within {@code remembered}; {@code false} after that. */
    boolean firstUse(String value, Duration remembered);
}

package io.llm402.gateway.management.auth;

/**
 * Limits password guessing, per client address and per account, across the cluster. The application supplies it
 * (a Hazelcast map, so every node counts the same attempts).
 */
public interface LoginThrottle {

    /** Counts an attempt from this address at this account; {@code false} when either has had too many. */
    boolean tryAttempt(String clientAddress, String login);

    /** A successful login gives its attempt back to the address and clears the account's count. */
    void succeeded(String clientAddress, String login);
}

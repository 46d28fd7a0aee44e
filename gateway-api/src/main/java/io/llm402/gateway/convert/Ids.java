package io.llm402.gateway.convert;

import java.util.UUID;

/**
 * Where a conversion gets the ids it has to make up (a completion, message, item or tool-call id the upstream did not
 * send). Passed in, like the {@link java.time.Clock}, so that a conversion is a function of its arguments: production
 * passes {@link #random()}, tests a source that numbers its ids.
 */
@FunctionalInterface
public interface Ids {

    /** A new id: {@code prefix}, then {@code digits} hex digits (at most 32) that make it unique in practice. */
    String next(String prefix, int digits);

    /** The hex digits of a random UUID: what the gateway hands out. */
    static Ids random() {
        return (prefix, digits) -> prefix + UUID.randomUUID().toString().replace("-", "").substring(0, digits);
    }
}

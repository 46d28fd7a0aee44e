package io.llm402.gateway.management;

import org.jspecify.annotations.Nullable;

/**
 * new-api's answer to every management call. Failures also carry a real HTTP status (400, 401, 403, 404, 409, 429),
 * and {@code code} says which failure it is where a client may want to act on it.
 */
public record Envelope<T>(boolean success, String message, @Nullable T data, @Nullable String code) {

    public static <T> Envelope<T> ok(@Nullable T data) {
        return new Envelope<>(true, "", data, null);
    }

    public static Envelope<Void> ok() {
        return new Envelope<>(true, "", null, null);
    }

    public static Envelope<Void> failure(String message, @Nullable String code) {
        return new Envelope<>(false, message, null, code);
    }
}

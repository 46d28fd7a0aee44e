package io.llm402.gateway.management;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** A management call that cannot be served: answered with this status and message in the envelope. */
public class ManagementException extends RuntimeException {

    private final HttpStatus status;
    private final @Nullable String code;

    public ManagementException(HttpStatus status, String message, @Nullable String code) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ManagementException badRequest(String message) {
        return new ManagementException(HttpStatus.BAD_REQUEST, message, "INVALID_REQUEST");
    }

    public static ManagementException notFound(String message) {
        return new ManagementException(HttpStatus.NOT_FOUND, message, "NOT_FOUND");
    }

    public static ManagementException forbidden(String message) {
        return new ManagementException(HttpStatus.FORBIDDEN, message, "AUTH_INSUFFICIENT_PRIVILEGE");
    }

    public static ManagementException conflict(String message) {
        return new ManagementException(HttpStatus.CONFLICT, message, "CONFLICT");
    }

    public HttpStatus status() {
        return status;
    }

    public @Nullable String code() {
        return code;
    }
}

package io.llm402.gateway.wire;


/**
 * What went wrong, independent of the caller's format; {@link ClientErrors} renders it per format with the status and
 * type names of api-formats §10.2.
 */
public enum Failure {
    MALFORMED(400, "invalid_request_error", "invalid_request_error", "INVALID_ARGUMENT"),
    UNAUTHENTICATED(401, "invalid_request_error", "authentication_error", "UNAUTHENTICATED"),
    PAYMENT_REQUIRED(402, "insufficient_quota", "billing_error", "RESOURCE_EXHAUSTED"),
    FORBIDDEN(403, "permission_error", "permission_error", "PERMISSION_DENIED"),
    NOT_FOUND(404, "invalid_request_error", "not_found_error", "NOT_FOUND"),
    TOO_LARGE(413, "invalid_request_error", "request_too_large", "INVALID_ARGUMENT"),
    RATE_LIMITED(429, "rate_limit_exceeded", "rate_limit_error", "RESOURCE_EXHAUSTED"),
    UPSTREAM(502, "server_error", "api_error", "UNAVAILABLE"),
    /** Claude clients get Anthropic's own 529; others 503. */
    OVERLOADED(503, "server_error", "overloaded_error", "UNAVAILABLE"),
    TIMEOUT(504, "server_error", "timeout_error", "DEADLINE_EXCEEDED");

    private final int status;
    private final String openAiType;
    private final String claudeType;
    private final String geminiStatus;

    Failure(int status, String openAiType, String claudeType, String geminiStatus) {
        this.status = status;
        this.openAiType = openAiType;
        this.claudeType = claudeType;
        this.geminiStatus = geminiStatus;
    }

    public int status(WireFormat format) {
        return this == OVERLOADED && format == WireFormat.CLAUDE ? 529 : status;
    }

    String openAiType() {
        return openAiType;
    }

    String claudeType() {
        return claudeType;
    }

    String geminiStatus() {
        return geminiStatus;
    }

    /** The failure an upstream HTTP status stands for, when passed on to the client. */
    public static Failure ofUpstreamStatus(int status) {
        return switch (status) {
            case 400, 422 -> MALFORMED;
            case 401 -> UNAUTHENTICATED;
            case 402 -> PAYMENT_REQUIRED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 413 -> TOO_LARGE;
            case 429 -> RATE_LIMITED;
            case 503, 529 -> OVERLOADED;
            case 504, 408 -> TIMEOUT;
            default -> status >= 500 ? UPSTREAM : MALFORMED;
        };
    }
}

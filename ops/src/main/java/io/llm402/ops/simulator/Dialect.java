package io.llm402.ops.simulator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Whose error shape a path answers with: every provider's clients parse only their own. */
enum Dialect {
    OPENAI, ANTHROPIC, GEMINI, COHERE, JINA;

    /** The error body this provider sends with {@code status}. */
    ObjectNode error(int status, String message, String requestId) {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        switch (this) {
            case OPENAI -> {
                ObjectNode error = body.putObject("error").put("message", message).put("type", openAiType(status));
                error.putNull("param");
                if (status == 401) {
                    error.put("code", "invalid_api_key");
                } else {
                    error.putNull("code");
                }
            }
            case ANTHROPIC -> {
                body.put("type", "error");
                body.putObject("error").put("type", anthropicType(status)).put("message", message);
                body.put("request_id", requestId);
            }
            case GEMINI -> body.putObject("error").put("code", status).put("message", message)
                    .put("status", googleStatus(status)).putArray("details");
            case COHERE -> body.put("id", requestId).put("message", message);
            case JINA -> body.put("detail", message);
        }
        return body;
    }

    private static String openAiType(int status) {
        return switch (status) {
            case 400, 401, 404, 405, 413 -> "invalid_request_error";
            case 429 -> "rate_limit_exceeded";
            default -> "server_error";
        };
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    private static String googleStatus(int status) {
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status < 500 ? "INVALID_ARGUMENT" : "INTERNAL";
        };
    }
}

package io.llm402.gateway.wire;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Errors in the caller's own shape (api-formats §10.1): OpenAI {@code {"error":{message,type,param,code}}}, Claude
 * {@code {"type":"error","error":{type,message},"request_id"}}, Gemini {@code {"error":{code,message,status}}}.
 */
public final class ClientErrors {

    public static final String REQUEST_ID_HEADER = "X-LLM402-Request-Id";

    private ClientErrors() {
    }

    /** A client's value quoted in an error, cut to 100 characters: an oversized name is not echoed back whole. */
    public static String quote(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }

    public static void write(HttpServletResponse response, WireFormat format, Failure failure, String message,
                             @Nullable String code) throws IOException {
        write(response, format, failure, failure.status(format), message, code);
    }

    /** Writes with an explicit status, for upstream errors passed on with their own status. */
    public static void write(HttpServletResponse response, WireFormat format, Failure failure, int status,
                             String message, @Nullable String code) throws IOException {
        byte[] body = body(format, failure, status, message, code, response.getHeader(REQUEST_ID_HEADER));
        response.setStatus(status);
        response.setContentType("application/json");
        // SDKs retry 409/429/5xx by default; a gateway-side refusal such as 402 must not be retried blindly.
        if (failure == Failure.PAYMENT_REQUIRED) {
            response.setHeader("x-should-retry", "false");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    public static byte[] body(WireFormat format, Failure failure, int status, String message, @Nullable String code,
                              @Nullable String requestId) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> error = new LinkedHashMap<>();
        switch (format) {
            case OPENAI -> {
                error.put("message", message);
                error.put("type", failure.openAiType());
                error.put("param", null);
                error.put("code", code);
                root.put("error", error);
            }
            case CLAUDE -> {
                root.put("type", "error");
                error.put("type", failure.claudeType());
                error.put("message", message);
                root.put("error", error);
                if (requestId != null) {
                    root.put("request_id", requestId);
                }
            }
            case GEMINI -> {
                error.put("code", status);
                error.put("message", message);
                error.put("status", failure.geminiStatus());
                error.put("details", List.of());
                root.put("error", error);
            }
        }
        return Json.MAPPER.writeValueAsBytes(root);
    }

    /**
     * An error after a stream started (api-formats §10.4), as the SSE event the format's SDK turns into an exception.
     * Responses streams build their own (they number events).
     */
    public static byte[] streamEvent(WireFormat format, Failure failure, String message, @Nullable String code) {
        byte[] json = body(format, failure, failure.status(format), message, code, null);
        String prefix = format == WireFormat.CLAUDE ? "event: error\ndata: " : "data: ";
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] event = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, event, 0, head.length);
        System.arraycopy(json, 0, event, head.length, json.length);
        event[event.length - 2] = '\n';
        event[event.length - 1] = '\n';
        return event;
    }
}

package io.llm402.gateway.openai;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Errors in OpenAI's shape: {@code {"error":{"message","type","param","code"}}} (api-formats §2.6). */
final class OpenAiErrors {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenAiErrors() {
    }

    static byte[] body(String message, String type, @Nullable String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        return JSON.writeValueAsBytes(Map.of("error", error));
    }

    static void write(HttpServletResponse response, int status, String message, String type, @Nullable String code)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        byte[] body = body(message, type, code);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** An error after a stream started: one SSE data event the SDKs turn into an exception. */
    static byte[] streamEvent(String message, String type, @Nullable String code) {
        byte[] json = body(message, type, code);
        byte[] event = new byte[json.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, event, 0, 6);
        System.arraycopy(json, 0, event, 6, json.length);
        event[event.length - 2] = '\n';
        event[event.length - 1] = '\n';
        return event;
    }
}

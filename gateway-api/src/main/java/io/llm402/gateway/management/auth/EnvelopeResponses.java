package io.llm402.gateway.management.auth;

import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.wire.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/** Writes an envelope failure from a filter, where no controller advice applies. */
public final class EnvelopeResponses {

    private EnvelopeResponses() {
    }

    public static void write(HttpServletResponse response, int status, String message, @Nullable String code)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Json.MAPPER.writeValue(response.getOutputStream(), Envelope.failure(message, code));
    }
}

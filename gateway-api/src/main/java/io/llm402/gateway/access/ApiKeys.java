package io.llm402.gateway.access;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** Where OpenAI clients put their key: {@code Authorization: Bearer <key>}. */
public final class ApiKeys {

    private ApiKeys() {
    }

    public static @Nullable String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = header.substring(7).trim();
        return key.isEmpty() ? null : key;
    }
}

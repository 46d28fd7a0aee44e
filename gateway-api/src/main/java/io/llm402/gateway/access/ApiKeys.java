package io.llm402.gateway.access;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** Reads a caller's key from the places SDKs put it; blank values count as absent. */
public final class ApiKeys {

    private ApiKeys() {
    }

    /** {@code Authorization: Bearer <key>}. */
    public static @Nullable String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return nonBlank(header.substring(7));
    }

    /** A header that holds the bare key, such as {@code x-api-key}. */
    public static @Nullable String header(HttpServletRequest request, String name) {
        return nonBlank(request.getHeader(name));
    }

    /** A query parameter that holds the key, such as Gemini's {@code ?key=}. */
    public static @Nullable String query(HttpServletRequest request, String name) {
        return nonBlank(request.getParameter(name));
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String key = value.trim();
        return key.isEmpty() ? null : key;
    }
}

package io.llm402.gateway.wire;

import io.llm402.gateway.access.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** The API family a client speaks: decides where its key is and what its errors look like (api-formats §1.3, §10). */
public enum WireFormat {
    /** OpenAI Chat, Completions, Responses, Embeddings, and rerank on its OpenAI-style routes. */
    OPENAI,
    CLAUDE,
    GEMINI;

    /** The caller's key from where this family's SDKs put it. */
    public @Nullable String key(HttpServletRequest request) {
        return switch (this) {
            // Azure-style clients send api-key.
            case OPENAI -> first(ApiKeys.bearer(request), ApiKeys.header(request, "api-key"));
            // The Anthropic SDK sends x-api-key; Claude Code with ANTHROPIC_AUTH_TOKEN sends a bearer token.
            case CLAUDE -> first(ApiKeys.header(request, "x-api-key"), ApiKeys.bearer(request));
            case GEMINI -> first(first(ApiKeys.header(request, "x-goog-api-key"), ApiKeys.query(request, "key")),
                    ApiKeys.bearer(request));
        };
    }

    private static @Nullable String first(@Nullable String a, @Nullable String b) {
        return a != null ? a : b;
    }
}

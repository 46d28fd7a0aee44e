package io.llm402.ops.simulator;

/**
 * The token counts one answer reports; each wire format lays them out its own way.
 *
 * @param prompt       all input tokens, cached and cache-written ones included
 * @param completion   output tokens (OpenAI and Claude include reasoning in it; Gemini reports reasoning beside it)
 * @param cacheWrite   cache-write tokens (Claude: 5-minute)
 * @param cacheWrite1h Claude 1-hour cache-write tokens
 */
record Tokens(int prompt, int completion, int cached, int reasoning, int cacheWrite, int cacheWrite1h) {

    int cacheWrites() {
        return cacheWrite + cacheWrite1h;
    }

    /** Claude's {@code input_tokens}: only what was neither read from nor written to the cache. */
    int uncachedInput() {
        return Math.max(0, prompt - cached - cacheWrites());
    }
}

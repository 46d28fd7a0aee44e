package io.llm402.domain.metering.api;

/** Where a request's token counts come from. */
public enum UsageBasis {
    /** The upstream's own usage report. */
    UPSTREAM,
    /** Counted by LLM402 with a tokenizer, because the upstream reported none (cut stream, omission). */
    ESTIMATE,
    /** Set by a documented policy rather than measured (for example: nothing charged after a node crash). */
    POLICY
}

package io.llm402.gateway.reasoning;

import org.jspecify.annotations.Nullable;

/**
 * What a model-name suffix asked for.
 *
 * @param suffix         the suffix as written, for the receipt ({@code -high}, {@code -thinking-4096})
 * @param effort         an effort level ({@code none, minimal, low, medium, high, xhigh, max}), or {@code null}
 * @param thinking       extended thinking switched on ({@code -thinking})
 * @param thinkingBudget an explicit budget ({@code -thinking-<N>}), or {@code null}
 * @param noThinking     thinking switched off ({@code -nothinking})
 */
public record ReasoningRequest(String suffix, @Nullable String effort, boolean thinking,
                               @Nullable Integer thinkingBudget, boolean noThinking) {
}

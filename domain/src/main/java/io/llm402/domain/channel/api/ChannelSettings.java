package io.llm402.domain.channel.api;

import io.llm402.domain.shared.Ratio;
import org.jspecify.annotations.Nullable;

/**
 * Per-channel options.
 *
 * @param promptCacheRatio  overrides the model's and the global cache ratio when set
 * @param thinkingToContent deliver upstream reasoning as {@code <think>…</think>} content
 * @param apiVersion        the provider API version (Azure's {@code api-version})
 */
public record ChannelSettings(@Nullable Ratio promptCacheRatio, boolean thinkingToContent,
                              @Nullable String apiVersion) {

    public static final ChannelSettings DEFAULTS = new ChannelSettings(null, false, null);
}

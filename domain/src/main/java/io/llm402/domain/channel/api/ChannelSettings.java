package io.llm402.domain.channel.api;

import io.llm402.domain.shared.Ratio;
import org.jspecify.annotations.Nullable;

/**
 * Per-channel options.
 *
 * @param promptCacheRatio  overrides the model's and the global cache ratio when set
 * @param thinkingToContent deliver upstream reasoning as {@code <think>…</think>} content
 * @param apiVersion        the provider API version (Azure's {@code api-version})
 * @param keySelection      how one of several keys is chosen
 * @param autoDisable       the channel (or one of its keys) may be disabled automatically (new-api's {@code auto_ban})
 * @param testModel         the model a channel test asks for, else the channel's first model
 * @param relay             what the channel changes in requests and error answers
 */
public record ChannelSettings(@Nullable Ratio promptCacheRatio, boolean thinkingToContent,
                              @Nullable String apiVersion, KeySelection keySelection, boolean autoDisable,
                              @Nullable String testModel, ChannelRelayOptions relay) {

    public static final ChannelSettings DEFAULTS = new ChannelSettings(null, false, null);

    public ChannelSettings {
        relay = relay == null ? ChannelRelayOptions.NONE : relay;
    }

    public ChannelSettings(@Nullable Ratio promptCacheRatio, boolean thinkingToContent, @Nullable String apiVersion,
                           KeySelection keySelection, boolean autoDisable, @Nullable String testModel) {
        this(promptCacheRatio, thinkingToContent, apiVersion, keySelection, autoDisable, testModel,
                ChannelRelayOptions.NONE);
    }

    public ChannelSettings(@Nullable Ratio promptCacheRatio, boolean thinkingToContent, @Nullable String apiVersion) {
        this(promptCacheRatio, thinkingToContent, apiVersion, KeySelection.RANDOM, true, null);
    }
}

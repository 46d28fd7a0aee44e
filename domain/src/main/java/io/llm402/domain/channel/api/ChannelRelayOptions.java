package io.llm402.domain.channel.api;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a channel changes in the requests it sends and the errors it answers (new-api's per-channel options).
 *
 * @param systemPrompt         added as a system message when the request has none
 * @param systemPromptOverride also put in front of the request's own system message when it has one
 * @param paramOverride        a JSON object merged into every upstream body (RFC 7386: objects merge, {@code null}
 *                             removes, anything else replaces); {@code null} for none
 * @param sealedHeaderOverride the extra upstream headers as a JSON object, sealed: their values may be credentials.
 *                             {@code {api_key}} in a value stands for the channel's key
 * @param headerFingerprint    the keyed fingerprint of that JSON: two options are equal when it is, however each
 *                             was sealed (so a bootstrap file applied again changes nothing)
 * @param statusCodeMapping    an upstream error status → the status the client gets (retry and disable decisions
 *                             still see the upstream's)
 * @param streamOptions        whether the upstream accepts {@code stream_options}; some OpenAI-compatible servers
 *                             refuse it, and then a stream's usage is estimated
 */
public record ChannelRelayOptions(@Nullable String systemPrompt, boolean systemPromptOverride,
                                  @Nullable String paramOverride, @Nullable String sealedHeaderOverride,
                                  @Nullable String headerFingerprint, Map<Integer, Integer> statusCodeMapping,
                                  boolean streamOptions) {

    public static final ChannelRelayOptions NONE =
            new ChannelRelayOptions(null, false, null, null, null, Map.of(), true);

    public ChannelRelayOptions {
        statusCodeMapping = statusCodeMapping == null ? Map.of() : Map.copyOf(statusCodeMapping);
        statusCodeMapping.forEach((from, to) -> {
            if (from < 400 || from > 599 || to < 400 || to > 599) {
                throw new IllegalArgumentException("a status code mapping maps error statuses (400-599) to error "
                        + "statuses, not " + from + " → " + to);
            }
        });
        if (systemPrompt != null && systemPrompt.isBlank()) {
            systemPrompt = null;
        }
        if ((sealedHeaderOverride == null) != (headerFingerprint == null)) {
            throw new IllegalArgumentException("a sealed header override comes with its fingerprint");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelRelayOptions o && systemPromptOverride == o.systemPromptOverride
                && streamOptions == o.streamOptions && Objects.equals(systemPrompt, o.systemPrompt)
                && Objects.equals(paramOverride, o.paramOverride)
                && Objects.equals(headerFingerprint, o.headerFingerprint)
                && statusCodeMapping.equals(o.statusCodeMapping);
    }

    @Override
    public int hashCode() {
        return Objects.hash(systemPrompt, systemPromptOverride, paramOverride, headerFingerprint, statusCodeMapping,
                streamOptions);
    }

    public boolean rewritesBody() {
        return systemPrompt != null || paramOverride != null || !streamOptions;
    }
}

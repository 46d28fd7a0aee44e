package io.llm402.domain.channel.api;

import org.axonframework.serialization.Revision;
import org.jspecify.annotations.Nullable;

/**
 * A channel answered (or failed) a test request; nobody was charged.
 *
 * @param keyFingerprint the key the test used
 * @param responseTimeMs from sending the request to the end of the answer
 * @param failure        why it failed (status and a redacted upstream message), {@code null} when it passed
 */
@Revision("1")
public record ChannelTestedEvent(String channelId, String model, String keyFingerprint, boolean passed,
                                 long responseTimeMs, @Nullable String failure) {
}

package io.llm402.domain.channel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * Records a channel test's outcome. A pass with {@code recover} brings back the key it used and the channel when the
 * gateway had disabled them (new-api's "automatically enable channels"); an admin's disabling is left alone.
 */
public record RecordChannelTestCommand(@TargetAggregateIdentifier String channelId, String model,
                                       String keyFingerprint, boolean passed, long responseTimeMs,
                                       @Nullable String failure, boolean recover) {
}

package io.llm402.gateway.wire;

import io.llm402.domain.metering.api.CanonicalUsage;
import org.jspecify.annotations.Nullable;

/**
 * Watches one upstream stream of a given format on its way to the client: notes usage and output text, and says
 * which event ends the stream, so the engine can hold that event back until the charge is durable.
 */
public interface StreamMeter {

    enum Verdict {
        /** Send it to the client now. */
        FORWARD,
        /** Not for this client (for example a usage chunk it did not ask for). */
        DROP,
        /** The stream's final event: sent only after the charge is durable. */
        FINAL
    }

    Verdict inspect(SseEvent event);

    /** The upstream's usage as last reported, or {@code null} when it reported none (the engine then estimates). */
    @Nullable CanonicalUsage usage();

    /** The output text seen so far, for an estimate when the upstream reported no usage. */
    String outputText();

    /** The bytes to send for an event, by default the event framed as it came. */
    default byte[] frame(SseEvent event) {
        return event.frame();
    }

    /** Whether the upstream reported an error in the stream (an error event or chunk). */
    default boolean failed() {
        return false;
    }

    /** The in-band error event for this format after the stream started (api-formats §10.4). */
    byte[] failure(String message);

    /** What to send after the final event (held back with it), if anything. */
    default byte @Nullable [] epilogue() {
        return null;
    }

    /** The content type of the client stream. */
    default String contentType() {
        return "text/event-stream;charset=UTF-8";
    }
}

package io.llm402.gateway.convert;

import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An upstream event stream converted to the client's format, one event at a time: the skeleton every stream converter
 * shares, a state machine that ends once.
 *
 * <p>What happens to an event is decided here, for every converter alike:
 * <ul>
 *   <li>after the end ({@link #finished()}), every event is ignored: the client already has its terminal event;</li>
 *   <li>{@code [DONE]} goes to {@link #onDone()}; for upstreams that end otherwise it is ignored like any other data
 *       that is not JSON;</li>
 *   <li>a malformed event, data that does not parse as JSON, is dropped: the client gets nothing for it and the
 *       conversion goes on with the next event (a truncated stream still ends through the caller's error
 *       handling);</li>
 *   <li>everything else goes to {@link #onJson} parsed. Upstream error events are the caller's to report in the
 *       client's format; a converter emits nothing for them.</li>
 * </ul>
 */
public abstract class StreamConversion {

    private boolean finished;

    /** One upstream event in, the client's events out (often none, sometimes several). */
    public final List<SseEvent> onEvent(SseEvent event) {
        if (finished) {
            return List.of();
        }
        if (event.data().strip().equals("[DONE]")) {
            return onDone();
        }
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (JacksonException e) {
            return List.of();
        }
        return onJson(event.name(), data);
    }

    /** Whether the client's terminal event has gone out; later events are ignored. */
    public final boolean finished() {
        return finished;
    }

    /** The upstream's {@code [DONE]}; ignored unless the upstream format ends with it. */
    protected List<SseEvent> onDone() {
        return List.of();
    }

    /** An upstream event that parsed as JSON, with its {@code event:} name if it had one. */
    protected abstract List<SseEvent> onJson(@Nullable String name, JsonNode data);

    /** Called once the terminal event is among the events being returned. */
    protected final void markFinished() {
        finished = true;
    }
}

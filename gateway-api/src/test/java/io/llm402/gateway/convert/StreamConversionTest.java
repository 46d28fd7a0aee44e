package io.llm402.gateway.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The guard every stream converter shares. */
class StreamConversionTest {

    /** Echoes what it is given as "name:json"; ends on {"end":true}. */
    private static final class Echo extends StreamConversion {
        final List<String> seen = new ArrayList<>();

        @Override
        protected List<SseEvent> onJson(@Nullable String name, JsonNode data) {
            seen.add(name + ":" + data);
            if (data.path("end").asBoolean(false)) {
                markFinished();
            }
            return List.of(new SseEvent(name, data.toString()));
        }
    }

    @Test
    void malformedEventsAreDroppedAndTheConversionGoesOn() {
        Echo echo = new Echo();
        assertThat(echo.onEvent(new SseEvent(null, "{\"a\":"))).isEmpty();
        assertThat(echo.onEvent(new SseEvent("x", "not json"))).isEmpty();
        assertThat(echo.onEvent(new SseEvent("x", "{\"a\":1}"))).containsExactly(new SseEvent("x", "{\"a\":1}"));
        assertThat(echo.seen).containsExactly("x:{\"a\":1}");
        assertThat(echo.finished()).isFalse();
    }

    @Test
    void doneIsIgnoredUnlessTheConverterEndsWithIt() {
        Echo echo = new Echo();
        assertThat(echo.onEvent(new SseEvent(null, " [DONE]\n"))).isEmpty();
        assertThat(echo.seen).isEmpty();
        assertThat(echo.finished()).isFalse();
    }

    @Test
    void nothingGoesThroughOnceFinished() {
        Echo echo = new Echo();
        assertThat(echo.onEvent(new SseEvent(null, "{\"end\":true}"))).hasSize(1);
        assertThat(echo.finished()).isTrue();
        assertThat(echo.onEvent(new SseEvent(null, "{\"a\":1}"))).isEmpty();
        assertThat(echo.onEvent(new SseEvent(null, "[DONE]"))).isEmpty();
        assertThat(echo.seen).hasSize(1);
    }
}

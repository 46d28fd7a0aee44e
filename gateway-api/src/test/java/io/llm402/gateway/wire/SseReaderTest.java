package io.llm402.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static List<SseEvent> read(String stream) throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        List<SseEvent> events = new ArrayList<>();
        SseEvent event;
        while ((event = reader.next()) != null) {
            events.add(event);
        }
        return events;
    }

    @Test
    void keepsEventNamesAndSkipsComments() throws IOException {
        assertThat(read("""
                : keep-alive

                event: message_start
                data: {"type":"message_start"}

                event: ping
                data: {"type": "ping"}

                data: [DONE]

                """)).containsExactly(new SseEvent("message_start", "{\"type\":\"message_start\"}"),
                new SseEvent("ping", "{\"type\": \"ping\"}"), new SseEvent(null, "[DONE]"));
    }

    @Test
    void acceptsCrlfAndBareCrLineEndings() throws IOException {
        // Google's SSE has been seen with CRLF; the spec also allows a bare CR (api-formats §1.1).
        assertThat(read("data: {\"a\":1}\r\n\r\ndata: {\"b\":2}\r\rdata: {\"c\":3}\n\n"))
                .extracting(SseEvent::data).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void joinsMultiLineDataAndKeepsAnUnterminatedLastEvent() throws IOException {
        assertThat(read("data: one\ndata: two\n\ndata: tail")).extracting(SseEvent::data)
                .containsExactly("one\ntwo", "tail");
    }

    @Test
    void aLongLineIsReadWhole() throws IOException {
        String big = "x".repeat(1_000_000);
        assertThat(read("data: " + big + "\n\n")).singleElement().extracting(SseEvent::data).isEqualTo(big);
    }

    @Test
    void framingRoundTrips() {
        assertThat(new String(new SseEvent("message_stop", "{}").frame(), StandardCharsets.UTF_8))
                .isEqualTo("event: message_stop\ndata: {}\n\n");
        assertThat(new String(new SseEvent(null, "[DONE]").frame(), StandardCharsets.UTF_8))
                .isEqualTo("data: [DONE]\n\n");
        // Every line of multi-line data keeps its own data: field, so a client reads back the same data.
        assertThat(new String(new SseEvent(null, "one\ntwo").frame(), StandardCharsets.UTF_8))
                .isEqualTo("data: one\ndata: two\n\n");
    }
}

package io.llm402.ops.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A streamed body: every write is one byte array, flushed at once, so each event leaves as its own chunk. */
final class EventStream {

    private final OutputStream out;

    EventStream(OutputStream out) {
        this.out = out;
    }

    /** {@code data: <json>} and a blank line (OpenAI Chat, Gemini). */
    void data(JsonNode json) throws IOException {
        write("data: " + JsonMapper.shared().writeValueAsString(json) + "\n\n");
    }

    /** {@code event: <name>}, {@code data: <json>} and a blank line (Responses, Claude: their SDKs read the name). */
    void event(String name, JsonNode json) throws IOException {
        write("event: " + name + "\ndata: " + JsonMapper.shared().writeValueAsString(json) + "\n\n");
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(UTF_8));
        out.flush();
    }

    /** Thrown to end a stream abruptly: no finish event, no usage, no closing chunk. */
    static final class CutConnection extends RuntimeException {

        CutConnection() {
            super("simulated connection cut", null, false, false);
        }
    }
}

package io.llm402.gateway.relay;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** One server-sent event: its {@code event:} name (absent in OpenAI Chat and Gemini streams) and its data. */
public record SseEvent(@Nullable String name, String data) {

    /** The event framed for the wire again, name first when it has one, ending in the blank line. */
    public byte[] frame() {
        String framed = name == null ? "data: " + data + "\n\n" : "event: " + name + "\ndata: " + data + "\n\n";
        return framed.getBytes(StandardCharsets.UTF_8);
    }
}

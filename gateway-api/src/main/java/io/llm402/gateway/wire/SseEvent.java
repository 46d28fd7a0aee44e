package io.llm402.gateway.wire;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** One server-sent event: its {@code event:} name (absent in OpenAI Chat and Gemini streams) and its data. */
public record SseEvent(@Nullable String name, String data) {

    /** The event framed for the wire again, name first when it has one, ending in the blank line. */
    public byte[] frame() {
        // Each line of multi-line data needs its own data: field.
        String lines = data.indexOf('\n') < 0 ? data : data.replace("\n", "\ndata: ");
        String framed = name == null ? "data: " + lines + "\n\n" : "event: " + name + "\ndata: " + lines + "\n\n";
        return framed.getBytes(StandardCharsets.UTF_8);
    }
}

package io.llm402.gateway.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads a server-sent-event stream as it arrives (api-formats §1.1): lines end in LF, CRLF or CR, comments
 * ({@code :}) and unknown fields are skipped, multi-line data is joined with LF, and the {@code event:} name is kept
 * because Claude and Responses streams need it. No line-length limit: base64 images and tool arguments can be long.
 */
public final class SseReader {

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private boolean skipLf;

    public SseReader(InputStream in) {
        this.in = in;
    }

    /** The next event that carries data, or {@code null} at the end of the stream. */
    public @Nullable SseEvent next() throws IOException {
        StringBuilder data = null;
        String name = null;
        String text;
        while ((text = readLine()) != null) {
            if (text.isEmpty()) {
                if (data != null) {
                    return new SseEvent(name, data.toString());
                }
                name = null;
                continue;
            }
            if (text.startsWith("data:")) {
                String value = text.substring(text.startsWith("data: ") ? 6 : 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (text.startsWith("event:")) {
                name = text.substring(text.startsWith("event: ") ? 7 : 6).trim();
            }
        }
        return data == null ? null : new SseEvent(name, data.toString());
    }

    private @Nullable String readLine() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
            if (skipLf) {
                skipLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\r') {
                skipLf = true;
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}

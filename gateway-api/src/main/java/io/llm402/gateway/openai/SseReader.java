package io.llm402.gateway.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code data:} payloads of a server-sent-event stream as they arrive (api-formats §1.1): lines end in LF
 * or CRLF, comments ({@code :}) and other fields are skipped, multi-line data is joined with LF.
 */
final class SseReader {

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

    SseReader(InputStream in) {
        this.in = in;
    }

    /** The next event's data, or {@code null} at the end of the stream. */
    @Nullable String nextData() throws IOException {
        StringBuilder data = null;
        String text;
        while ((text = readLine()) != null) {
            if (text.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
                continue;
            }
            if (text.startsWith("data:")) {
                String value = text.substring(text.startsWith("data: ") ? 6 : 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return data == null ? null : data.toString();
    }

    private @Nullable String readLine() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return stripCr();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : stripCr();
    }

    private String stripCr() {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}

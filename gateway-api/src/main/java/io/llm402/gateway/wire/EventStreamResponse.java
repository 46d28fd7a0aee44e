package io.llm402.gateway.wire;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A server-sent-events response written straight to the servlet response. Each chunk is pushed to the client with
 * {@link HttpServletResponse#flushBuffer()}: on Boot 4 / Tomcat 11 a plain {@code flush()} of the output stream (as in
 * a {@code StreamingResponseBody}) leaves the whole stream buffered until it ends (stack-evidence §5).
 */
public final class EventStreamResponse {

    private final HttpServletResponse response;
    private final OutputStream out;

    private EventStreamResponse(HttpServletResponse response, OutputStream out) {
        this.response = response;
        this.out = out;
    }

    /** Opens a stream on the response's own output stream. */
    public static EventStreamResponse open(HttpServletResponse response) throws IOException {
        return open(response, response.getOutputStream());
    }

    /**
     * Opens a stream writing through {@code out} (the stream Spring hands a {@code StreamingResponseBody}), and sends
     * the status line and SSE headers at once, so the client learns the stream started.
     */
    public static EventStreamResponse open(HttpServletResponse response, OutputStream out) throws IOException {
        return open(response, out, "text/event-stream;charset=UTF-8");
    }

    /** Opens a stream with another content type (Gemini's streamed JSON array without {@code alt=sse}). */
    public static EventStreamResponse open(HttpServletResponse response, String contentType) throws IOException {
        return open(response, response.getOutputStream(), contentType);
    }

    private static EventStreamResponse open(HttpServletResponse response, OutputStream out, String contentType)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-cache");
        // Tells nginx-style proxies in front of the gateway not to buffer either.
        response.setHeader("X-Accel-Buffering", "no");
        EventStreamResponse stream = new EventStreamResponse(response, out);
        response.flushBuffer();
        return stream;
    }

    /** Writes bytes exactly as given (already SSE-framed) and pushes them to the client. */
    public void send(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        response.flushBuffer();
    }

    public void send(byte[] bytes) throws IOException {
        send(bytes, 0, bytes.length);
    }
}

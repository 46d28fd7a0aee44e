package io.llm402.gateway.upstream;

import java.io.InputStream;

/**
 * An upstream's answer as it starts: the status and the body as a stream. Closing the body before its end aborts the
 * connection instead of draining it, so a client that leaves a long stream stops the upstream at once.
 */
public record UpstreamResponse(int statusCode, InputStream body) {
}

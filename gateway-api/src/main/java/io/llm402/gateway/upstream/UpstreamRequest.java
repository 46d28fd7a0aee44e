package io.llm402.gateway.upstream;

import java.net.URI;
import java.util.List;

/**
 * One POST to an upstream: its address, headers as name/value pairs (auth and protocol headers only: nothing of the
 * client's own headers passes unless an API names it), and the JSON body.
 */
public record UpstreamRequest(URI uri, List<String> headers, byte[] body) {

    public UpstreamRequest {
        headers = List.copyOf(headers);
        if (headers.size() % 2 != 0) {
            throw new IllegalArgumentException("headers are name/value pairs");
        }
    }
}

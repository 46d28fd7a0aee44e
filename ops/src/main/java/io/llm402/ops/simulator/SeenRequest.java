package io.llm402.ops.simulator;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request as it reached the simulator, so tests can assert what a gateway sent upstream (model mapping, which
 * auth header, that the client's own key never left the gateway).
 *
 * @param pathAndQuery the raw path with {@code ?query} if there was one
 * @param headers      lower-cased names; repeated headers joined with {@code ", "}
 * @param body         the body as UTF-8 text
 */
public record SeenRequest(String method, String pathAndQuery, Map<String, String> headers, String body) {

    public SeenRequest {
        headers = Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    /** The header's value, whatever the case of {@code name}; null if it was not sent. */
    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body parsed as JSON; throws {@link tools.jackson.core.JacksonException} if it is not JSON. */
    public JsonNode json() {
        return JsonMapper.shared().readTree(body);
    }
}

package io.llm402.gateway.wire;

import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's one JSON mapper, for client bodies, upstream bodies and conversions alike: Jackson's defaults,
 * configured here and nowhere else (the x402 protocol package keeps its own, as it depends on nothing of the gateway).
 */
public final class Json {

    /** Thread-safe once built. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }
}

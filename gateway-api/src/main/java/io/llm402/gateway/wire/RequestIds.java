package io.llm402.gateway.wire;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Time-ordered request ids (48-bit milliseconds, then 80 random bits), so no central sequence is needed. */
public final class RequestIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    public static String next() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return "req_" + String.format("%012x", System.currentTimeMillis()) + HexFormat.of().formatHex(random);
    }
}

package io.llm402.gateway.wire;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Time-ordered request ids (48-bit milliseconds, then 80 random bits), so no central sequence is needed. */
public final class RequestIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    /**
     * Whether a client-supplied id can be one of ours (letters, digits, {@code _} and {@code -}, at most 64): anything
     * else is unknown without asking the database (a NUL byte fails a PostgreSQL query instead of finding nothing).
     */
    public static boolean plausible(String id) {
        if (id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static String next() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return "req_" + String.format("%012x", System.currentTimeMillis()) + HexFormat.of().formatHex(random);
    }
}

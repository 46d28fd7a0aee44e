package io.llm402.gateway.management;

import java.security.SecureRandom;

/** Random values for secrets shown once (API keys, access tokens, redemption and backup codes), from a CSPRNG. */
public final class RandomSecrets {

    /** Letters and digits, as new-api's keys. */
    public static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Without the characters people confuse when they type a value read elsewhere (0/O, 1/l/I). */
    public static final String UNAMBIGUOUS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /** Upper case only, for codes read aloud or written on paper. */
    public static final String UPPER_UNAMBIGUOUS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecrets() {
    }

    public static String of(String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}

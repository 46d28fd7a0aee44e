package io.llm402.gateway.convert;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** A fixed time and predictable ids, so that a conversion under test gives one exact document. */
public final class Fixed {

    /** 2025-11-24T16:00:00Z, the {@code created} of the test vectors. */
    public static final long EPOCH_SECOND = 1_764_000_000L;
    public static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(EPOCH_SECOND), ZoneOffset.UTC);

    private Fixed() {
    }

    /**
     * Ids numbered per prefix from 1 ({@code call_1}, {@code call_2}, {@code msg_1}): two conversions that make ids of
     * a kind in the same order make the same ones.
     */
    public static Ids ids() {
        Map<String, Integer> issued = new HashMap<>();
        return (prefix, digits) -> prefix + issued.merge(prefix, 1, Integer::sum);
    }
}

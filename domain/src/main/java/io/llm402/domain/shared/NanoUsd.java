package io.llm402.domain.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money is an integer count of nano-USD (1e-9 USD) in a {@code long}; see DESIGN §3. This class converts at the
 * edges (configuration, display) and never rounds silently.
 */
public final class NanoUsd {

    public static final long PER_USD = 1_000_000_000L;

    private NanoUsd() {
    }

    /** Exact conversion of a decimal USD amount; more than nine decimal places is refused. */
    public static long fromUsd(BigDecimal usd) {
        try {
            return usd.movePointRight(9).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a USD amount has at most 9 decimal places and fits in nano-USD: "
                    + usd.toPlainString());
        }
    }

    public static long fromUsd(String usd) {
        return fromUsd(new BigDecimal(usd));
    }

    /** The decimal USD string for display, without trailing zeros beyond cents ({@code 1.50}, {@code 0.000000150}). */
    public static String toUsdString(long nanoUsd) {
        BigDecimal usd = BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros();
        return usd.scale() < 2 ? usd.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : usd.toPlainString();
    }
}

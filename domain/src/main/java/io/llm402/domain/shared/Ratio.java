package io.llm402.domain.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A price multiplier (group ratio, prompt-cache ratio, cache-write ratio) as an exact integer count of millionths,
 * so that 0.8, 0.1 and 1.25 are stored without binary floating point.
 */
public record Ratio(long millionths) {

    public static final Ratio ONE = new Ratio(1_000_000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public Ratio {
        if (millionths < 0) {
            throw new IllegalArgumentException("a ratio is never negative: " + millionths);
        }
    }

    /** Parses a decimal such as {@code 0.8}; more than six decimal places is refused, not rounded. */
    public static Ratio of(BigDecimal value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a ratio is never negative: " + value.toPlainString());
        }
        try {
            return new Ratio(value.multiply(MILLION).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a ratio has at most 6 decimal places: " + value.toPlainString());
        }
    }

    public static Ratio of(String decimal) {
        return of(new BigDecimal(decimal));
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(millionths, 6).stripTrailingZeros();
    }

    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}

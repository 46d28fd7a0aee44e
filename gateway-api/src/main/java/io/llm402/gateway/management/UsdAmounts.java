package io.llm402.gateway.management;

import java.math.BigDecimal;

/** Money as a decimal USD string, exact to the nano-dollar. */
public final class UsdAmounts {

    private UsdAmounts() {
    }

    public static String format(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros().toPlainString();
    }
}

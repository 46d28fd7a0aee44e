package io.llm402.gateway.x402;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking a payment locally.
 *
 * @param reason the x402 reason code when invalid
 * @param payer the checksummed address that signed, when valid
 */
public record Verification(boolean valid, @Nullable String reason, @Nullable String payer) {

    public static Verification valid(String payer) {
        return new Verification(true, null, Objects.requireNonNull(payer, "payer"));
    }

    public static Verification invalid(String reason) {
        return new Verification(false, Objects.requireNonNull(reason, "reason"), null);
    }
}

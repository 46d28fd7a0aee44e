package io.llm402.domain.account.api;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Port for checking TOTP codes (RFC 6238: HMAC-SHA1, 6 digits, 30 s); the application supplies it, with the secret
 * opened from its sealed form only inside.
 */
public interface SecondFactorCodes {

    /** The time step at which {@code code} is right for the secret, within one step of {@code at}; else empty. */
    OptionalLong matchingStep(String sealedSecret, String code, Instant at);
}

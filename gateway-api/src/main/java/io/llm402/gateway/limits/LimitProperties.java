package io.llm402.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits that are not per user.
 *
 * @param keylessPerMinute requests without an API key (x402 payers: each may append a payment-required event or
 *                         make the gateway call the facilitator) per client address and minute; 0 is unlimited
 * @param failClosed       refuse requests with 503 when the limiter's store cannot be reached, instead of letting
 *                         them through (money is guarded by the ledger either way)
 */
@ConfigurationProperties("llm402.limits")
public record LimitProperties(@DefaultValue("300") int keylessPerMinute, @DefaultValue("false") boolean failClosed) {
}

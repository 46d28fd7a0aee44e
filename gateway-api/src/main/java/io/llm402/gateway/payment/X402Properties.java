package io.llm402.gateway.payment;

import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * x402 settings ({@code LLM402_X402_*} in the environment). The token's EIP-712 name and version are configuration,
 * never taken from a client: Base mainnet's USDC signs as "USD Coin", Base Sepolia's as "USDC" (x402.md §2.1).
 *
 * @param enabled                  callers without an API key may pay per request; top-ups are offered
 * @param network                  CAIP-2 network of the asset, e.g. {@code eip155:8453}
 * @param asset                    the EIP-3009 token contract (USDC)
 * @param payTo                    the operator's receiving address; required when enabled
 * @param facilitatorUrl           base URL of the facilitator ({@code /verify}, {@code /settle}, {@code /supported})
 * @param facilitatorAuthorization sent as the {@code Authorization} header to the facilitator, when set
 * @param priceMargin              added to a request's maximum cost, e.g. 0.05 for 5 %
 * @param maxTimeoutSeconds        how long a signed authorization may stay valid; must cover the LLM call and
 *                                 settlement
 * @param group                    the price group agents paying per request are billed in
 * @param topUpMaxUsd              the largest top-up one payment may buy
 * @param validBeforeMargin        an authorization expiring sooner than this is refused: it must outlive the upstream
 *                                 call and settlement, or the operator pays for an answer it cannot settle
 * @param publicUrl                the gateway's public base URL (e.g. {@code https://llm.example.com}) for the
 *                                 {@code resource} of payment terms; unset uses the request's own URL, which behind a
 *                                 proxy may name an internal host
 */
@ConfigurationProperties("llm402.x402")
public record X402Properties(@DefaultValue("false") boolean enabled,
                             @DefaultValue("eip155:84532") String network,
                             @DefaultValue("0x036CbD53842c5426634e7929541eC2318f3dCF7e") String asset,
                             @DefaultValue("USDC") String assetName,
                             @DefaultValue("2") String assetVersion,
                             @DefaultValue("6") int assetDecimals,
                             @Nullable String payTo,
                             @DefaultValue("https://x402.org/facilitator") String facilitatorUrl,
                             @Nullable String facilitatorAuthorization,
                             @DefaultValue("90s") Duration facilitatorTimeout,
                             @DefaultValue("0") BigDecimal priceMargin,
                             @DefaultValue("300") long maxTimeoutSeconds,
                             @DefaultValue("default") String group,
                             @DefaultValue("1000") BigDecimal topUpMaxUsd,
                             @DefaultValue("60s") Duration validBeforeMargin,
                             @Nullable String publicUrl) {

    /** Without the facilitator's credentials: properties end up in logs and actuator output. */
    @Override
    public String toString() {
        return "X402Properties[enabled=" + enabled + ", network=" + network + ", asset=" + asset + ", payTo=" + payTo
                + ", facilitatorAuthorization=" + (facilitatorAuthorization == null ? "unset" : "***") + "]";
    }
}

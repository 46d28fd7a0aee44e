package io.llm402.gateway.payment;

import io.llm402.gateway.x402.Eip712Domain;
import io.llm402.gateway.x402.PaymentRequirements;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this gateway asks for: the {@code exact} scheme on its one network and asset, for an amount derived from a
 * nano-USD cost. The same cost always gives the same terms, so a paid retry of the same request matches them.
 */
public final class X402Terms {

    private final String network;
    private final String asset;
    private final String payTo;
    private final long maxTimeoutSeconds;
    private final Map<String, Object> extra;
    private final Eip712Domain domain;
    /** nano-USD in one atomic unit of the asset: 1,000 for a 6-decimal stablecoin. */
    private final long nanoPerAtomic;
    private final BigDecimal marginFactor;

    public X402Terms(String network, String asset, String assetName, String assetVersion, int assetDecimals,
                     String payTo, long maxTimeoutSeconds, BigDecimal priceMargin, long chainId) {
        if (assetDecimals < 0 || assetDecimals > 9) {
            throw new IllegalArgumentException("the asset's decimals must be between 0 and 9 (1 nano-USD is the finest"
                    + " unit of the ledger)");
        }
        if (priceMargin.signum() < 0) {
            throw new IllegalArgumentException("the price margin cannot be negative");
        }
        this.network = network;
        this.asset = asset;
        this.payTo = payTo;
        this.maxTimeoutSeconds = maxTimeoutSeconds;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("name", assetName);
        extra.put("version", assetVersion);
        this.extra = java.util.Collections.unmodifiableMap(extra);
        this.domain = new Eip712Domain(assetName, assetVersion, chainId, asset);
        this.nanoPerAtomic = BigInteger.TEN.pow(9 - assetDecimals).longValueExact();
        this.marginFactor = BigDecimal.ONE.add(priceMargin);
    }

    /** Terms for a request that may cost up to {@code maximumNanoUsd}: the margin added, rounded up to a unit. */
    public PaymentRequirements forMaximumCost(long maximumNanoUsd) {
        BigDecimal withMargin = BigDecimal.valueOf(maximumNanoUsd).multiply(marginFactor);
        long atomic = withMargin.divide(BigDecimal.valueOf(nanoPerAtomic), 0, RoundingMode.CEILING).longValueExact();
        return requirements(Math.max(atomic, 1));
    }

    /** Terms for exactly {@code nanoUsd} (a top-up), which must be a whole number of the asset's units. */
    public PaymentRequirements forExactly(long nanoUsd) {
        if (nanoUsd <= 0 || nanoUsd % nanoPerAtomic != 0) {
            throw new IllegalArgumentException("the amount must be a positive whole number of the asset's units");
        }
        return requirements(nanoUsd / nanoPerAtomic);
    }

    public long nanoUsd(String amountAtomic) {
        return Math.multiplyExact(Long.parseLong(amountAtomic), nanoPerAtomic);
    }

    public Eip712Domain domain() {
        return domain;
    }

    public String network() {
        return network;
    }

    private PaymentRequirements requirements(long atomic) {
        return new PaymentRequirements("exact", network, Long.toString(atomic), asset, payTo, maxTimeoutSeconds,
                new LinkedHashMap<>(extra));
    }
}

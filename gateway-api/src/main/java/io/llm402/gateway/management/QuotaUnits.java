package io.llm402.gateway.management;

/**
 * new-api counts money in "quota": 500,000 per US dollar (its {@code QuotaPerUnit}). LLM402 counts nano-USD, so one
 * quota unit is 2,000 nano-USD; amounts shown as quota are rounded down to a whole unit.
 */
public final class QuotaUnits {

    public static final long QUOTA_PER_USD = 500_000;
    public static final long NANO_USD_PER_QUOTA = 1_000_000_000L / QUOTA_PER_USD;

    private QuotaUnits() {
    }

    public static long toQuota(long nanoUsd) {
        return Math.floorDiv(nanoUsd, NANO_USD_PER_QUOTA);
    }

    public static long toNanoUsd(long quota) {
        try {
            return Math.multiplyExact(quota, NANO_USD_PER_QUOTA);
        } catch (ArithmeticException e) {
            throw ManagementException.badRequest("the quota is too large");
        }
    }
}

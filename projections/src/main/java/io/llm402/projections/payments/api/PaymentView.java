package io.llm402.projections.payments.api;

import org.jspecify.annotations.Nullable;

/**
 * One x402 payment as a receipt shows it.
 *
 * @param status           claimed, verified, settled, failed, covered_by_credit or credited
 * @param chargedNanoUsd   what the request it paid for cost, once known (settled payments only)
 * @param creditedNanoUsd  what stayed with the payer as credit (the payment minus the charge)
 */
public record PaymentView(String paymentId, String purpose, String requestId, String userId, String network,
                          String asset, String payer, String amountAtomic, long amountNanoUsd, String status,
                          @Nullable String transaction, @Nullable String failureStage,
                          @Nullable String failureReason, @Nullable Long chargedNanoUsd,
                          @Nullable Long creditedNanoUsd) {
}

package io.llm402.projections.redemption.api;

import java.util.List;

/** One page of codes and how many matched in all. */
public record RedemptionCodePage(List<RedemptionCodeView> items, long total) {
}

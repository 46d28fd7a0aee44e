package io.llm402.projections.redemption.api;

/** Answers a {@code RedemptionCodePage}, newest first: codes whose name contains {@code keyword}, or with that id. */
public record SearchRedemptionCodesQuery(String keyword, int offset, int limit) {

    public SearchRedemptionCodesQuery {
        if (offset < 0 || limit < 1 || limit > 100) {
            throw new IllegalArgumentException("offset must be ≥ 0 and limit between 1 and 100");
        }
    }
}

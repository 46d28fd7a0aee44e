package io.llm402.projections.access.api;

import java.util.List;

/** One page of tokens and how many matched in all. */
public record ApiTokenPage(List<ApiTokenView> items, long total) {
}

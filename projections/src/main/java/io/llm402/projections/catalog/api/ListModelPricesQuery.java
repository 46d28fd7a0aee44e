package io.llm402.projections.catalog.api;

/** Answers a {@code List<ModelPriceView>}: the current (highest) price version of every model, by model name. */
public record ListModelPricesQuery() {
}

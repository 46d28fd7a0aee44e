package io.llm402.projections.catalog.api;

/** A price group and its multiplier in millionths. */
public record GroupView(String group, long ratioMillionths) {
}

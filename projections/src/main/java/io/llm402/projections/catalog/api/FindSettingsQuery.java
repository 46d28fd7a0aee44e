package io.llm402.projections.catalog.api;

/** Answers a {@code Map<String, String>} of every global setting that has been set, by wire name. */
public record FindSettingsQuery() {
}

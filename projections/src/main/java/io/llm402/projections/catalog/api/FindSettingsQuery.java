package io.llm402.projections.catalog.api;

/** Answers a {@link SettingsView}. */
public record FindSettingsQuery() {
}

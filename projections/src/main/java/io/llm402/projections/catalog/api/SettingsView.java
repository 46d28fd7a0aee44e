package io.llm402.projections.catalog.api;

import java.util.Map;

/** Every global setting that has been set, by wire name (for example {@code prompt_cache_ratio}). */
public record SettingsView(Map<String, String> values) {

    public SettingsView {
        values = Map.copyOf(values);
    }
}

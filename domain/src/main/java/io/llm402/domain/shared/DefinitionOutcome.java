package io.llm402.domain.shared;

/** What a "define" command (configuration as code) did: created the aggregate, changed it, or found it equal. */
public enum DefinitionOutcome {
    CREATED,
    CHANGED,
    UNCHANGED;

    public static DefinitionOutcome of(boolean created, boolean changed) {
        return created ? CREATED : changed ? CHANGED : UNCHANGED;
    }
}

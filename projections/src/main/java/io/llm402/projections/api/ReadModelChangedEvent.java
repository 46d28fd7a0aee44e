package io.llm402.projections.api;

/**
 * Published in-process (a Spring application event, not an Axon event) after a projection committed a change to a
 * read model, so caches in front of it (the gateway's directory) can reload instead of serving stale rows.
 *
 * @param readModel {@link #ACCESS} or {@link #CATALOG}
 */
public record ReadModelChangedEvent(String readModel) {

    public static final String ACCESS = "access";
    public static final String CATALOG = "catalog";
}

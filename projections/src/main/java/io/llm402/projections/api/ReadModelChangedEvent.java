package io.llm402.projections.api;

/**
 * Published in-process (a Spring application event, not an Axon event) after a projection committed a change to a
 * read model, so caches in front of it (the gateway's directory) can reload instead of serving stale rows.
 *
 * @param readModel {@link #ACCESS}, {@link #CATALOG} or {@link #RECEIPTS}
 */
public record ReadModelChangedEvent(String readModel) {

    public static final String ACCESS = "access";
    public static final String CATALOG = "catalog";
    /** Receipts (the request log) or the x402 payments behind them moved on: someone may be waiting for one. */
    public static final String RECEIPTS = "receipts";
    /** The processing group that writes receipts; its position tells whether a receipt can still appear. */
    public static final String RECEIPTS_PROCESSING_GROUP = "request-log";
}

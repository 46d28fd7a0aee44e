package io.llm402.projections.requests.api;

/** What usage can be summed by: each is a column of the rollups. */
public enum UsageDimension {
    MODEL, TOKEN, USER, CHANNEL
}

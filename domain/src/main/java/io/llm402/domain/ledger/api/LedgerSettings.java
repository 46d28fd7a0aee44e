package io.llm402.domain.ledger.api;

import java.time.Duration;

/**
 * How this node runs its part of the ledger.
 *
 * @param nodeId              the node that owns the allowances it funds
 * @param trancheNanoUsd      the least an allowance takes from the wallet at a time
 * @param commitWindow        how long the group commit gathers per-request events
 * @param maxBatchEvents      the most events in one group commit
 * @param reservationTimeout  a reservation still pending after this long is expired by the sweep (its request is
 *                            stuck or lost); longer than any request may run
 */
public record LedgerSettings(String nodeId, long trancheNanoUsd, Duration commitWindow, int maxBatchEvents,
                             Duration reservationTimeout) {
}

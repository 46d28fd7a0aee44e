package io.llm402.domain.account.api;

/**
 * Where an imported account came from and what it had done there, kept as history (never re-rated or charged again).
 *
 * @param system        the gateway it came from, such as {@code new-api}
 * @param sourceId      its id there
 * @param usedNanoUsd   what it had spent there
 * @param requestCount  how many billed requests it had made there
 */
public record ImportedAccount(String system, long sourceId, long usedNanoUsd, long requestCount) {
}

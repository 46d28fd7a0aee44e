package io.llm402.projections.access.api;

/** How many users there are and how many have a second factor in force. */
public record TwoFactorStats(long totalUsers, long enabledUsers) {
}

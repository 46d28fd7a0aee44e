package io.llm402.gateway.billing;

/** The name of this node; it owns the allowances it funds, and recovers them after a restart. */
public record NodeIdentity(String nodeId) {
}

package io.llm402.projections.access.api;

/** A user's bound identities; answers {@link Bindings}. */
public record ListBindingsQuery(String userId) {
}

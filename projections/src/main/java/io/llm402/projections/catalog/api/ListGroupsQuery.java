package io.llm402.projections.catalog.api;

/** Answers a {@code List<GroupView>} ordered by name. */
public record ListGroupsQuery() {
}

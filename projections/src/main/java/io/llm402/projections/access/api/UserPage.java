package io.llm402.projections.access.api;

import java.util.List;

/** One page of users and how many matched in all. */
public record UserPage(List<UserView> items, long total) {
}

package io.llm402.projections.access.api;

/** The number the next user will probably get (new-api names generated users {@code github_<that>}); a Long. */
public record NextUserNumberQuery() {
}

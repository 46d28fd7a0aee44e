package io.llm402.projections.access.api;

/** The binding of one identity (by its aggregate id), if it is bound. */
public record FindExternalIdentityQuery(String identityId) {
}

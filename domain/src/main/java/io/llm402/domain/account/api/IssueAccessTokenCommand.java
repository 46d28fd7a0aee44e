package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the user's management access token; only the token's digest enters the domain. */
public record IssueAccessTokenCommand(@TargetAggregateIdentifier String userId, String tokenDigest) {
}

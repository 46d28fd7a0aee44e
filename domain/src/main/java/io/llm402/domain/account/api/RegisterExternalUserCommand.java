package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * Creates a user who logs in through a provider and has no password; refused when the username is taken (the
 * caller then tries a generated name).
 */
public record RegisterExternalUserCommand(@TargetAggregateIdentifier String userId, UserProfile profile,
                                          String displayName, @Nullable String email, ExternalIdentityKey key) {
}

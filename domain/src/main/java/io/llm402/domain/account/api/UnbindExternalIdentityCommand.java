package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Unbinds the identity from {@code userId} (the user themselves, or an admin clearing it). */
public record UnbindExternalIdentityCommand(@TargetAggregateIdentifier String identityId, String userId,
                                            Actor actor) {
}

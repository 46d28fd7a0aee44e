package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Binds an external identity to a user: at a bind the user started, or when a login registers a new user. Refused
 * (conflict) when another user holds it; binding it again to the same user changes nothing.
 *
 * @param display the provider's name for the account (shown in the user's bindings), not part of the identity
 */
public record BindExternalIdentityCommand(@TargetAggregateIdentifier String identityId, ExternalIdentityKey key,
                                          String userId, String display, Actor actor) {

    public BindExternalIdentityCommand(ExternalIdentityKey key, String userId, String display, Actor actor) {
        this(key.identityId(), key, userId, display, actor);
    }
}

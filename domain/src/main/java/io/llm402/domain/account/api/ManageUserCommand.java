package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enables, disables, deletes, promotes (to admin) or demotes (to user) a user; answers the {@link ManagedUser}. */
public record ManageUserCommand(@TargetAggregateIdentifier String userId, UserAction action, Actor actor) {
}

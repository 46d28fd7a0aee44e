package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * Creates a user: an admin creating one, the first-run setup creating root, or someone registering themselves (then
 * the actor is the new user). Refused when the username is taken: the user id derives from the username.
 */
public record RegisterUserCommand(@TargetAggregateIdentifier String userId, UserProfile profile, String displayName,
                                  @Nullable String email, String password, Actor actor) {

    @Override
    public String toString() {
        return "RegisterUserCommand[userId=" + userId + ", profile=" + profile + ", password=***, actor=" + actor
                + "]";
    }
}

package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * Creates the user or brings it to the given profile and password; appends nothing when it already matches.
 * A {@code null} password leaves the current one as it is.
 */
public record DefineUserCommand(@TargetAggregateIdentifier String userId, UserProfile profile,
                                @Nullable String password) {

    @Override
    public String toString() {
        return "DefineUserCommand[userId=" + userId + ", profile=" + profile + ", password="
                + (password == null ? "unchanged" : "***") + "]";
    }
}

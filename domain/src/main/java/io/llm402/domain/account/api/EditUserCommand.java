package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/** Changes what is given and leaves every {@code null} as it is; equal values append nothing. */
public record EditUserCommand(@TargetAggregateIdentifier String userId, @Nullable String displayName,
                              @Nullable String email, @Nullable String group, @Nullable Role role,
                              @Nullable String password, Actor actor) {

    @Override
    public String toString() {
        return "EditUserCommand[userId=" + userId + ", displayName=" + displayName + ", group=" + group + ", role="
                + role + ", password=" + (password == null ? "unchanged" : "***") + ", actor=" + actor + "]";
    }
}

package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates the root user with the given password if it does not exist yet; does nothing otherwise.
 * Answers {@code true} when it created the user.
 */
public record ProvisionRootUserCommand(@TargetAggregateIdentifier String userId, String username, String password) {

    @Override
    public String toString() {
        return "ProvisionRootUserCommand[userId=" + userId + ", username=" + username + ", password=***]";
    }
}

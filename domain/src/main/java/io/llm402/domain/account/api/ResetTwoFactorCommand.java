package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin turns a user's second factor off (new-api's admin 2FA reset); only for lower roles. */
public record ResetTwoFactorCommand(@TargetAggregateIdentifier String userId, Actor actor) {
}

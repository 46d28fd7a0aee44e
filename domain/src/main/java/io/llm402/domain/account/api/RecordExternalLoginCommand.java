package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * Records a login through a provider that vouched for the identity: succeeded as {@code userId}, or refused with a
 * reason (banned user, trust level, registration closed). Answers whose signature or state did not check out name
 * nobody and are only logged.
 */
public record RecordExternalLoginCommand(@TargetAggregateIdentifier String identityId, ExternalIdentityKey key,
                                         @Nullable String userId, @Nullable String refusal) {

    public static RecordExternalLoginCommand succeeded(ExternalIdentityKey key, String userId) {
        return new RecordExternalLoginCommand(key.identityId(), key, userId, null);
    }

    public static RecordExternalLoginCommand refused(ExternalIdentityKey key, String reason) {
        return new RecordExternalLoginCommand(key.identityId(), key, null, reason);
    }
}

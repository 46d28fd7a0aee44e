package io.llm402.gateway.management.auth;

import io.llm402.domain.account.api.ExternalIdentityKey;
import org.jspecify.annotations.Nullable;

/**
 * What a provider vouched for, once its answer checked out.
 *
 * @param preferredUsername the provider's login name, tried as the local username at registration
 * @param display           shown in the user's bindings and as the new user's display name
 * @param emailVerified     whether the provider says the email is verified (only then may it merge accounts)
 */
public record ExternalProfile(ExternalIdentityKey key, @Nullable String preferredUsername, String display,
                              @Nullable String email, boolean emailVerified) {
}

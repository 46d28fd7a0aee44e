package io.llm402.domain.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * Brings a user over from another gateway (new-api): creates the account or brings its profile, details and status
 * to the imported ones, appending nothing when they already match. The password hash is the source's own BCrypt hash,
 * kept so the old password keeps working; it is set only when the account is created or imported for the first time,
 * so a password changed here afterwards survives a second import.
 *
 * @param passwordHash a BCrypt hash; {@code null} when the source account has no password (external login only)
 */
public record ImportUserCommand(@TargetAggregateIdentifier String userId, UserProfile profile, String displayName,
                                @Nullable String email, @Nullable String passwordHash, boolean enabled,
                                ImportedAccount source) {

    @Override
    public String toString() {
        return "ImportUserCommand[userId=" + userId + ", profile=" + profile + ", source=" + source
                + ", passwordHash=" + (passwordHash == null ? "none" : "***") + "]";
    }
}

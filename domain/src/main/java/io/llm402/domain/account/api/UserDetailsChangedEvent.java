package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;
import org.jspecify.annotations.Nullable;

/** A user's display name or email changed; carries both new values. */
@Revision("1")
public record UserDetailsChangedEvent(String userId, String displayName, @Nullable String email) {
}

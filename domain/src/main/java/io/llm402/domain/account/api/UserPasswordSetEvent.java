package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** A user's login password was set; only its salted hash is recorded. */
@Revision("1")
public record UserPasswordSetEvent(String userId, String passwordHash) {

    @Override
    public String toString() {
        return "UserPasswordSetEvent[userId=" + userId + ", passwordHash=***]";
    }
}

package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** A user was brought over from another gateway, with what they had spent there as history. */
@Revision("1")
public record UserImportedEvent(String userId, ImportedAccount source) {
}

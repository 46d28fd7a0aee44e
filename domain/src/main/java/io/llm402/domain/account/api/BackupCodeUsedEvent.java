package io.llm402.domain.account.api;

import org.axonframework.serialization.Revision;

/** The backup code at this index was used up. */
@Revision("1")
public record BackupCodeUsedEvent(String userId, int index) {
}

package io.llm402.domain.redemption.api;

import org.axonframework.serialization.Revision;

/** A code was deleted. */
@Revision("1")
public record RedemptionCodeDeletedEvent(String codeId) {
}

package io.llm402.domain.redemption.api;

import org.axonframework.serialization.Revision;

/** A disabled code was enabled again. */
@Revision("1")
public record RedemptionCodeEnabledEvent(String codeId) {
}

package io.llm402.domain.redemption.api;

import org.axonframework.serialization.Revision;

/** An unused code's terms changed. */
@Revision("1")
public record RedemptionCodeChangedEvent(String codeId, RedemptionTerms terms) {
}

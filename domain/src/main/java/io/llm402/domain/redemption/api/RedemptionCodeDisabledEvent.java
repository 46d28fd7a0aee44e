package io.llm402.domain.redemption.api;

import org.axonframework.serialization.Revision;

/** A code was disabled: it cannot be redeemed until enabled. */
@Revision("1")
public record RedemptionCodeDisabledEvent(String codeId) {
}

package io.llm402.domain.redemption.api;

import org.axonframework.serialization.Revision;

/** A redemption code was issued; known by its digest and a hint. */
@Revision("1")
public record RedemptionCodeIssuedEvent(String codeId, RedemptionTerms terms, String keyDigest, String keyHint) {
}

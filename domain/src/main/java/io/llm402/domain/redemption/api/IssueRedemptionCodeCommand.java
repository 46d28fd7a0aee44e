package io.llm402.domain.redemption.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issues one code; only its digest and a hint enter the domain. */
public record IssueRedemptionCodeCommand(@TargetAggregateIdentifier String codeId, RedemptionTerms terms,
                                         String keyDigest, String keyHint) {
}

package io.llm402.domain.redemption.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A user redeems the code; answers its amount, or throws {@link RedemptionRefusedException}. */
public record RedeemCodeCommand(@TargetAggregateIdentifier String codeId, String userId, Instant at) {
}

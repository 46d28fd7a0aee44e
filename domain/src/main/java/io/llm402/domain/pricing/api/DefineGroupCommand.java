package io.llm402.domain.pricing.api;

import io.llm402.domain.shared.NaturalIds;
import io.llm402.domain.shared.Ratio;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a price group or sets its ratio; an equal ratio appends nothing. */
public record DefineGroupCommand(String group, Ratio ratio) {

    @TargetAggregateIdentifier
    public String groupId() {
        return NaturalIds.groupId(group);
    }
}

package io.llm402.domain.pricing.api;

import io.llm402.domain.shared.Ratio;
import org.axonframework.serialization.Revision;

/** A price group's multiplier changed. */
@Revision("1")
public record GroupRatioChangedEvent(String group, Ratio ratio) {
}

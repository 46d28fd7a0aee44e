package io.llm402.domain.pricing.api;

import io.llm402.domain.shared.Ratio;
import org.axonframework.serialization.Revision;

/** A price group was created with its multiplier. */
@Revision("1")
public record GroupDefinedEvent(String group, Ratio ratio) {
}

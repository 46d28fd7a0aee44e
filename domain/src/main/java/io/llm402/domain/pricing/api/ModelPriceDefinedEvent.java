package io.llm402.domain.pricing.api;

import org.axonframework.serialization.Revision;

/**
 * A model got a new price, numbered {@code priceVersion} (1, 2, …); every charge records the version it used, so
 * history can be re-rated.
 */
@Revision("1")
public record ModelPriceDefinedEvent(String model, int priceVersion, ModelPrice price) {
}

package io.llm402.domain.pricing;

import io.llm402.domain.pricing.api.DefineGroupCommand;
import io.llm402.domain.pricing.api.DefineModelPriceCommand;
import io.llm402.domain.pricing.api.GroupDefinedEvent;
import io.llm402.domain.pricing.api.GroupRatioChangedEvent;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.pricing.api.ModelPriceDefinedEvent;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.domain.shared.Ratio;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class ModelPricingTest {

    private static final ModelPrice MINI = new ModelPrice(150_000_000L, 600_000_000L, null, Ratio.of("0.5"), null);

    private final AggregateTestFixture<ModelPricing> prices = new AggregateTestFixture<>(ModelPricing.class);
    private final AggregateTestFixture<PriceGroup> groups = new AggregateTestFixture<>(PriceGroup.class);

    @Test
    void theFirstPriceIsVersionOne() {
        prices.givenNoPriorActivity()
                .when(new DefineModelPriceCommand("gpt-4o-mini", MINI))
                .expectEvents(new ModelPriceDefinedEvent("gpt-4o-mini", 1, MINI))
                .expectResultMessagePayload(DefinitionOutcome.CREATED);
    }

    @Test
    void aChangedPriceIsTheNextVersion() {
        ModelPrice cheaper = new ModelPrice(100_000_000L, 600_000_000L, null, Ratio.of("0.5"), null);
        prices.given(new ModelPriceDefinedEvent("gpt-4o-mini", 1, MINI))
                .when(new DefineModelPriceCommand("gpt-4o-mini", cheaper))
                .expectEvents(new ModelPriceDefinedEvent("gpt-4o-mini", 2, cheaper))
                .expectResultMessagePayload(DefinitionOutcome.CHANGED);
    }

    @Test
    void anEqualPriceKeepsTheVersion() {
        prices.given(new ModelPriceDefinedEvent("gpt-4o-mini", 1, MINI))
                .when(new DefineModelPriceCommand("gpt-4o-mini", MINI))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
    }

    @Test
    void groupsAreCreatedThenChanged() {
        groups.givenNoPriorActivity()
                .when(new DefineGroupCommand("vip", Ratio.of("0.8")))
                .expectEvents(new GroupDefinedEvent("vip", Ratio.of("0.8")));
        groups.given(new GroupDefinedEvent("vip", Ratio.of("0.8")))
                .when(new DefineGroupCommand("vip", Ratio.of("0.80")))
                .expectNoEvents();
        groups.given(new GroupDefinedEvent("vip", Ratio.of("0.8")))
                .when(new DefineGroupCommand("vip", Ratio.of("0.7")))
                .expectEvents(new GroupRatioChangedEvent("vip", Ratio.of("0.7")));
    }
}

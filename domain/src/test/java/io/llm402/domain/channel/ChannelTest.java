package io.llm402.domain.channel;

import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelConfigurationChangedEvent;
import io.llm402.domain.channel.api.ChannelDeletedEvent;
import io.llm402.domain.channel.api.ChannelDisabledEvent;
import io.llm402.domain.channel.api.ChannelEnabledEvent;
import io.llm402.domain.channel.api.ChannelKeyReplacedEvent;
import io.llm402.domain.channel.api.ChannelRegisteredEvent;
import io.llm402.domain.channel.api.ChannelSettings;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.channel.api.DefineChannelCommand;
import io.llm402.domain.channel.api.EditChannelCommand;
import io.llm402.domain.channel.api.SetChannelStatusCommand;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.domain.shared.NoSuchAggregateException;
import io.llm402.domain.shared.Ratio;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelTest {

    private static final ChannelConfiguration CONFIG = new ChannelConfiguration("openai-main", ChannelType.OPENAI,
            "https://api.openai.com", List.of("gpt-4o-mini"), Map.of("gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
            List.of("default"), 10, 5, new ChannelSettings(Ratio.of("0.5"), false, null));
    private static final ChannelRegisteredEvent REGISTERED =
            new ChannelRegisteredEvent("c-1", CONFIG, "v1:sealed-a", "fp-a");

    private AggregateTestFixture<Channel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Channel.class);
    }

    @Test
    void aNewChannelIsRegistered() {
        fixture.givenNoPriorActivity()
                .when(new DefineChannelCommand("c-1", CONFIG, "v1:sealed-a", "fp-a"))
                .expectEvents(REGISTERED)
                .expectResultMessagePayload(DefinitionOutcome.CREATED);
    }

    @Test
    void resealingTheSameKeyChangesNothing() {
        fixture.given(REGISTERED)
                .when(new DefineChannelCommand("c-1", CONFIG, "v1:sealed-with-another-iv", "fp-a"))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
    }

    @Test
    void aNewKeyIsRecordedSealed() {
        fixture.given(REGISTERED)
                .when(new DefineChannelCommand("c-1", CONFIG, "v1:sealed-b", "fp-b"))
                .expectEvents(new ChannelKeyReplacedEvent("c-1", "v1:sealed-b", "fp-b"));
    }

    @Test
    void aChangedPriorityIsAConfigurationChange() {
        ChannelConfiguration lower = new ChannelConfiguration("openai-main", ChannelType.OPENAI,
                "https://api.openai.com", List.of("gpt-4o-mini"), Map.of("gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
                List.of("default"), 1, 5, new ChannelSettings(Ratio.of("0.5"), false, null));
        fixture.given(REGISTERED)
                .when(new DefineChannelCommand("c-1", lower, "v1:sealed-c", "fp-a"))
                .expectEvents(new ChannelConfigurationChangedEvent("c-1", lower))
                .expectResultMessagePayload(DefinitionOutcome.CHANGED);
    }

    @Test
    void anEditWithoutAKeyKeepsTheKey() {
        ChannelConfiguration lower = new ChannelConfiguration(CONFIG.name(), CONFIG.type(), CONFIG.baseUrl(),
                CONFIG.models(), CONFIG.modelMapping(), CONFIG.groups(), 1, CONFIG.weight(), CONFIG.settings());
        fixture.given(REGISTERED)
                .when(new EditChannelCommand("c-1", lower, null, null))
                .expectEvents(new ChannelConfigurationChangedEvent("c-1", lower));
    }

    @Test
    void aChannelIsDisabledWithItsReasonEnabledAndDeleted() {
        fixture.given(REGISTERED)
                .when(new SetChannelStatusCommand("c-1", false, "quota exhausted"))
                .expectEvents(new ChannelDisabledEvent("c-1", "quota exhausted"));
        fixture.given(REGISTERED, new ChannelDisabledEvent("c-1", "quota exhausted"))
                .when(new SetChannelStatusCommand("c-1", false, "again"))
                .expectNoEvents();
        fixture.given(REGISTERED, new ChannelDisabledEvent("c-1", "quota exhausted"))
                .when(new SetChannelStatusCommand("c-1", true, ""))
                .expectEvents(new ChannelEnabledEvent("c-1"));
        fixture.given(REGISTERED, new ChannelDeletedEvent("c-1"))
                .when(new SetChannelStatusCommand("c-1", true, ""))
                .expectException(NoSuchAggregateException.class);
    }
}

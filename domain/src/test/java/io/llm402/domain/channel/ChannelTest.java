package io.llm402.domain.channel;

import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelConfigurationChangedEvent;
import io.llm402.domain.channel.api.ChannelDeletedEvent;
import io.llm402.domain.channel.api.ChannelDisabledEvent;
import io.llm402.domain.channel.api.ChannelEnabledEvent;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.ChannelKeyDisabledEvent;
import io.llm402.domain.channel.api.ChannelKeyEnabledEvent;
import io.llm402.domain.channel.api.ChannelKeyReplacedEvent;
import io.llm402.domain.channel.api.ChannelKeysAddedEvent;
import io.llm402.domain.channel.api.ChannelKeysRemovedEvent;
import io.llm402.domain.channel.api.ChannelRegisteredEvent;
import io.llm402.domain.channel.api.ChannelSettings;
import io.llm402.domain.channel.api.ChannelTestedEvent;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.channel.api.DefineChannelCommand;
import io.llm402.domain.channel.api.EditChannelCommand;
import io.llm402.domain.channel.api.RecordChannelTestCommand;
import io.llm402.domain.channel.api.RemoveChannelKeysCommand;
import io.llm402.domain.channel.api.SetChannelKeyStatusCommand;
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
    private static final ChannelKey A = new ChannelKey("fp-a", "v1:sealed-a");
    private static final ChannelKey B = new ChannelKey("fp-b", "v1:sealed-b");
    private static final ChannelKey C = new ChannelKey("fp-c", "v1:sealed-c");
    private static final ChannelRegisteredEvent REGISTERED = new ChannelRegisteredEvent("c-1", CONFIG, List.of(A));
    private static final ChannelRegisteredEvent THREE_KEYS =
            new ChannelRegisteredEvent("c-1", CONFIG, List.of(A, B, C));

    private AggregateTestFixture<Channel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Channel.class);
    }

    @Test
    void aNewChannelIsRegistered() {
        fixture.givenNoPriorActivity()
                .when(new DefineChannelCommand("c-1", CONFIG, List.of(A)))
                .expectEvents(REGISTERED)
                .expectResultMessagePayload(DefinitionOutcome.CREATED);
    }

    @Test
    void resealingTheSameKeyChangesNothing() {
        fixture.given(REGISTERED)
                .when(new DefineChannelCommand("c-1", CONFIG, List.of(new ChannelKey("fp-a", "v1:another-iv"))))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
    }

    @Test
    void aDefinitionAddsNewKeysAndRemovesUnlistedOnesKeepingTheRest() {
        fixture.given(THREE_KEYS, new ChannelKeyDisabledEvent("c-1", "fp-b", "revoked", true))
                .when(new DefineChannelCommand("c-1", CONFIG, List.of(B, C, new ChannelKey("fp-d", "v1:d"))))
                .expectEvents(new ChannelKeysAddedEvent("c-1", List.of(new ChannelKey("fp-d", "v1:d"))),
                        new ChannelKeysRemovedEvent("c-1", List.of("fp-a")));
    }

    @Test
    void aChangedPriorityIsAConfigurationChange() {
        ChannelConfiguration lower = new ChannelConfiguration("openai-main", ChannelType.OPENAI,
                "https://api.openai.com", List.of("gpt-4o-mini"), Map.of("gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
                List.of("default"), 1, 5, new ChannelSettings(Ratio.of("0.5"), false, null));
        fixture.given(REGISTERED)
                .when(new DefineChannelCommand("c-1", lower, List.of(A)))
                .expectEvents(new ChannelConfigurationChangedEvent("c-1", lower))
                .expectResultMessagePayload(DefinitionOutcome.CHANGED);
    }

    @Test
    void anEditWithoutKeysKeepsTheKeysAndAnEditWithKeysReplacesOrAppends() {
        ChannelConfiguration lower = new ChannelConfiguration(CONFIG.name(), CONFIG.type(), CONFIG.baseUrl(),
                CONFIG.models(), CONFIG.modelMapping(), CONFIG.groups(), 1, CONFIG.weight(), CONFIG.settings());
        fixture.given(REGISTERED)
                .when(new EditChannelCommand("c-1", lower, null, false))
                .expectEvents(new ChannelConfigurationChangedEvent("c-1", lower));
        fixture.given(REGISTERED)
                .when(new EditChannelCommand("c-1", CONFIG, List.of(B, C, B), false))
                .expectEvents(new ChannelKeyReplacedEvent("c-1", List.of(B, C)));
        fixture.given(REGISTERED)
                .when(new EditChannelCommand("c-1", CONFIG, List.of(A, B), true))
                .expectEvents(new ChannelKeysAddedEvent("c-1", List.of(B)));
        fixture.given(REGISTERED)
                .when(new EditChannelCommand("c-1", CONFIG, List.of(A), false))
                .expectNoEvents();
    }

    @Test
    void aChannelIsDisabledWithItsReasonEnabledAndDeleted() {
        fixture.given(REGISTERED)
                .when(SetChannelStatusCommand.byAdmin("c-1", false))
                .expectEvents(new ChannelDisabledEvent("c-1", "disabled by an admin", false));
        fixture.given(REGISTERED, new ChannelDisabledEvent("c-1", "quota exhausted", false))
                .when(new SetChannelStatusCommand("c-1", false, "again", true))
                .expectNoEvents();
        fixture.given(REGISTERED, new ChannelDisabledEvent("c-1", "quota exhausted", false))
                .when(SetChannelStatusCommand.byAdmin("c-1", true))
                .expectEvents(new ChannelEnabledEvent("c-1"));
        fixture.given(REGISTERED, new ChannelDeletedEvent("c-1"))
                .when(SetChannelStatusCommand.byAdmin("c-1", true))
                .expectException(NoSuchAggregateException.class);
    }

    @Test
    void theGatewayEnablesOnlyWhatItDisabled() {
        fixture.given(REGISTERED, new ChannelDisabledEvent("c-1", "disabled by an admin", false))
                .when(new SetChannelStatusCommand("c-1", true, "test passed", true))
                .expectNoEvents();
        fixture.given(REGISTERED, new ChannelDisabledEvent("c-1", "HTTP 401", true))
                .when(new SetChannelStatusCommand("c-1", true, "test passed", true))
                .expectEvents(new ChannelEnabledEvent("c-1"));
    }

    @Test
    void oneFailingKeyIsDisabledAloneAndTheLastOneTakesTheChannelWithIt() {
        fixture.given(THREE_KEYS)
                .when(new SetChannelKeyStatusCommand("c-1", List.of("fp-b"), false, "HTTP 401", true))
                .expectEvents(new ChannelKeyDisabledEvent("c-1", "fp-b", "HTTP 401", true));
        fixture.given(THREE_KEYS, new ChannelKeyDisabledEvent("c-1", "fp-b", "HTTP 401", true),
                        new ChannelKeyDisabledEvent("c-1", "fp-a", "HTTP 401", true))
                .when(new SetChannelKeyStatusCommand("c-1", List.of("fp-c"), false, "HTTP 401", true))
                .expectEvents(new ChannelKeyDisabledEvent("c-1", "fp-c", "HTTP 401", true),
                        new ChannelDisabledEvent("c-1", Channel.ALL_KEYS_DISABLED + ": HTTP 401", true));
        fixture.given(THREE_KEYS, new ChannelKeyDisabledEvent("c-1", "fp-b", "HTTP 401", true))
                .when(new SetChannelKeyStatusCommand("c-1", List.of("fp-b"), false, "HTTP 401 again", true))
                .expectNoEvents();
    }

    @Test
    void aKeyComingBackBringsBackAChannelDisabledOnlyForItsKeys() {
        fixture.given(REGISTERED, new ChannelKeyDisabledEvent("c-1", "fp-a", "HTTP 401", true),
                        new ChannelDisabledEvent("c-1", Channel.ALL_KEYS_DISABLED, true))
                .when(new SetChannelKeyStatusCommand("c-1", List.of(), true, "", false))
                .expectEvents(new ChannelKeyEnabledEvent("c-1", "fp-a"), new ChannelEnabledEvent("c-1"));
        fixture.given(REGISTERED, new ChannelKeyDisabledEvent("c-1", "fp-a", "by hand", false),
                        new ChannelDisabledEvent("c-1", Channel.ALL_KEYS_DISABLED, false))
                .when(new SetChannelKeyStatusCommand("c-1", List.of("fp-a"), true, "", true))
                .expectNoEvents();
    }

    @Test
    void keysAreRemovedButNeverTheLast() {
        fixture.given(THREE_KEYS, new ChannelKeyDisabledEvent("c-1", "fp-b", "HTTP 401", true))
                .when(new RemoveChannelKeysCommand("c-1", List.of(), true))
                .expectEvents(new ChannelKeysRemovedEvent("c-1", List.of("fp-b")));
        fixture.given(REGISTERED)
                .when(new RemoveChannelKeysCommand("c-1", List.of("fp-a"), false))
                .expectException(IllegalArgumentException.class);
        fixture.given(THREE_KEYS)
                .when(new SetChannelKeyStatusCommand("c-1", List.of("fp-x"), false, "", false))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void aPassingTestBringsBackWhatTheGatewayDisabledAndAFailingOneOnlyRecords() {
        fixture.given(REGISTERED, new ChannelKeyDisabledEvent("c-1", "fp-a", "HTTP 401", true),
                        new ChannelDisabledEvent("c-1", Channel.ALL_KEYS_DISABLED, true))
                .when(new RecordChannelTestCommand("c-1", "gpt-4o-mini", "fp-a", true, 420, null, true))
                .expectEvents(new ChannelTestedEvent("c-1", "gpt-4o-mini", "fp-a", true, 420, null),
                        new ChannelKeyEnabledEvent("c-1", "fp-a"), new ChannelEnabledEvent("c-1"));
        fixture.given(REGISTERED, new ChannelDisabledEvent("c-1", "disabled by an admin", false))
                .when(new RecordChannelTestCommand("c-1", "gpt-4o-mini", "fp-a", true, 420, null, true))
                .expectEvents(new ChannelTestedEvent("c-1", "gpt-4o-mini", "fp-a", true, 420, null));
        fixture.given(REGISTERED, new ChannelDisabledEvent("c-1", "HTTP 401", true))
                .when(new RecordChannelTestCommand("c-1", "gpt-4o-mini", "fp-a", false, 90, "HTTP 401", true))
                .expectEvents(new ChannelTestedEvent("c-1", "gpt-4o-mini", "fp-a", false, 90, "HTTP 401"));
    }
}

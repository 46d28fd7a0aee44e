package io.llm402.domain.access;

import io.llm402.domain.access.api.ApiTokenDisabledEvent;
import io.llm402.domain.access.api.ApiTokenEnabledEvent;
import io.llm402.domain.access.api.ApiTokenIssuedEvent;
import io.llm402.domain.access.api.ApiTokenKeyReplacedEvent;
import io.llm402.domain.access.api.ApiTokenTerms;
import io.llm402.domain.access.api.ApiTokenTermsChangedEvent;
import io.llm402.domain.access.api.DefineApiTokenCommand;
import io.llm402.domain.access.api.SetApiTokenStatusCommand;
import io.llm402.domain.shared.DefinitionOutcome;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    private static final ApiTokenTerms TERMS = new ApiTokenTerms("ci", null, List.of("gpt-4o-mini"), 5_000_000_000L,
            Instant.parse("2030-01-01T00:00:00Z"));
    private static final ApiTokenIssuedEvent ISSUED = new ApiTokenIssuedEvent("t-1", "u-1", TERMS, "d1", "sk-…0001");

    private AggregateTestFixture<ApiToken> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiToken.class);
    }

    @Test
    void aNewTokenIsIssued() {
        fixture.givenNoPriorActivity()
                .when(new DefineApiTokenCommand("t-1", "u-1", TERMS, "d1", "sk-…0001", false))
                .expectEvents(ISSUED)
                .expectResultMessagePayload(DefinitionOutcome.CREATED);
    }

    @Test
    void anEqualDefinitionAppendsNothing() {
        fixture.given(ISSUED)
                .when(new DefineApiTokenCommand("t-1", "u-1", TERMS, "d1", "sk-…0001", false))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
    }

    @Test
    void aGeneratedKeyNeverReplacesTheKeyOfAnExistingToken() {
        fixture.given(ISSUED)
                .when(new DefineApiTokenCommand("t-1", "u-1", TERMS, "fresh", "sk-…9999", true))
                .expectNoEvents();
    }

    @Test
    void aConfiguredNewKeyReplacesTheOldOne() {
        fixture.given(ISSUED)
                .when(new DefineApiTokenCommand("t-1", "u-1", TERMS, "d2", "sk-…0002", false))
                .expectEvents(new ApiTokenKeyReplacedEvent("t-1", "d2", "sk-…0002"));
    }

    @Test
    void changedTermsAreRecordedWhole() {
        ApiTokenTerms unlimited = new ApiTokenTerms("ci", "vip", List.of(), null, null);
        fixture.given(ISSUED)
                .when(new DefineApiTokenCommand("t-1", "u-1", unlimited, "d1", "sk-…0001", false))
                .expectEvents(new ApiTokenTermsChangedEvent("t-1", unlimited))
                .expectResultMessagePayload(DefinitionOutcome.CHANGED);
    }

    @Test
    void disablingIsRecordedOnceAndCanBeUndone() {
        fixture.given(ISSUED)
                .when(new SetApiTokenStatusCommand("t-1", false))
                .expectEvents(new ApiTokenDisabledEvent("t-1"));
        fixture.given(ISSUED, new ApiTokenDisabledEvent("t-1"))
                .when(new SetApiTokenStatusCommand("t-1", false))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
        fixture.given(ISSUED, new ApiTokenDisabledEvent("t-1"))
                .when(new SetApiTokenStatusCommand("t-1", true))
                .expectEvents(new ApiTokenEnabledEvent("t-1"));
        fixture.given(ISSUED)
                .when(new SetApiTokenStatusCommand("t-1", true))
                .expectNoEvents();
    }

    @Test
    void aTokenCannotMoveToAnotherUser() {
        fixture.given(ISSUED)
                .when(new DefineApiTokenCommand("t-1", "u-2", TERMS, "d1", "sk-…0001", false))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}

package io.llm402.domain.redemption;

import io.llm402.domain.redemption.api.DeleteRedemptionCodeCommand;
import io.llm402.domain.redemption.api.EditRedemptionCodeCommand;
import io.llm402.domain.redemption.api.IssueRedemptionCodeCommand;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.domain.redemption.api.RedeemCodeCommand;
import io.llm402.domain.redemption.api.RedemptionCodeDeletedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeDisabledEvent;
import io.llm402.domain.redemption.api.RedemptionCodeIssuedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeRedeemedEvent;
import io.llm402.domain.redemption.api.RedemptionRefusedException;
import io.llm402.domain.redemption.api.RedemptionTerms;
import io.llm402.domain.redemption.api.SetRedemptionCodeStatusCommand;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedemptionCodeTest {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    private static final RedemptionTerms TERMS = new RedemptionTerms("launch", 1_000_000_000L,
            NOW.plusSeconds(3600));
    private static final RedemptionCodeIssuedEvent ISSUED = new RedemptionCodeIssuedEvent("r-1", TERMS, "d", "Ab…yz");

    private AggregateTestFixture<RedemptionCode> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RedemptionCode.class);
    }

    @Test
    void aCodeIsIssuedAndRedeemedForItsAmount() {
        fixture.givenNoPriorActivity()
                .when(new IssueRedemptionCodeCommand("r-1", TERMS, "d", "Ab…yz"))
                .expectEvents(ISSUED);
        fixture.given(ISSUED)
                .when(new RedeemCodeCommand("r-1", "u-1", NOW))
                .expectEvents(new RedemptionCodeRedeemedEvent("r-1", "u-1", 1_000_000_000L))
                .expectResultMessagePayload(1_000_000_000L);
    }

    @Test
    void issuingTheSameCodeIdAgainIssuesNothing() {
        fixture.given(ISSUED)
                .when(new IssueRedemptionCodeCommand("r-1", TERMS, "d", "Ab…yz"))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
    }

    @Test
    void aCodeIsRedeemedOnceOnly() {
        fixture.given(ISSUED, new RedemptionCodeRedeemedEvent("r-1", "u-1", 1_000_000_000L))
                .when(new RedeemCodeCommand("r-1", "u-2", NOW))
                .expectException(RedemptionRefusedException.class)
                .expectExceptionMessage("this code has already been used")
                .expectNoEvents();
    }

    @Test
    void aDisabledExpiredOrDeletedCodeIsRefused() {
        fixture.given(ISSUED, new RedemptionCodeDisabledEvent("r-1"))
                .when(new RedeemCodeCommand("r-1", "u-1", NOW))
                .expectExceptionMessage("this code is disabled");
        fixture.given(ISSUED)
                .when(new RedeemCodeCommand("r-1", "u-1", NOW.plusSeconds(3600)))
                .expectExceptionMessage("this code has expired");
        fixture.given(ISSUED, new RedemptionCodeDeletedEvent("r-1"))
                .when(new RedeemCodeCommand("r-1", "u-1", NOW))
                .expectExceptionMessage("this code is not valid");
    }

    @Test
    void aUsedCodeCannotBeChangedOrReenabled() {
        fixture.given(ISSUED, new RedemptionCodeRedeemedEvent("r-1", "u-1", 1_000_000_000L))
                .when(new EditRedemptionCodeCommand("r-1", new RedemptionTerms("more", 9_000_000_000L, null)))
                .expectException(RedemptionRefusedException.class);
        fixture.given(ISSUED, new RedemptionCodeRedeemedEvent("r-1", "u-1", 1_000_000_000L))
                .when(new SetRedemptionCodeStatusCommand("r-1", false))
                .expectException(RedemptionRefusedException.class);
        fixture.given(ISSUED)
                .when(new DeleteRedemptionCodeCommand("r-1"))
                .expectEvents(new RedemptionCodeDeletedEvent("r-1"));
    }
}

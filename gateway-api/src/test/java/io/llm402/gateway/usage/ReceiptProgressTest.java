package io.llm402.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** Whether the receipts projection has seen every event up to the store's head, gaps included. */
class ReceiptProgressTest {

    private static final GapAwareTrackingToken HEAD = GapAwareTrackingToken.newInstance(100, List.of());

    @Test
    void aTokenPastTheHeadWithoutGapsHasSeenEverything() {
        assertThat(ReceiptProgress.processedUpTo(GapAwareTrackingToken.newInstance(100, List.of()), HEAD)).isTrue();
        assertThat(ReceiptProgress.processedUpTo(GapAwareTrackingToken.newInstance(120, List.of(101L)), HEAD))
                .isTrue();
    }

    @Test
    void aGapAtOrBelowTheHeadIsAnEventNotSeenYet() {
        // PostgreSQL: event 97 committed after 98..120 were read; it may be the request whose receipt is asked for
        assertThat(ReceiptProgress.processedUpTo(GapAwareTrackingToken.newInstance(120, List.of(97L)), HEAD))
                .isFalse();
        assertThat(ReceiptProgress.processedUpTo(GapAwareTrackingToken.newInstance(99, List.of()), HEAD)).isFalse();
    }

    @Test
    void aReplayIsJudgedByWhatItHasReplayed() {
        TrackingToken replaying = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(200, List.of()),
                GapAwareTrackingToken.newInstance(50, List.of()));
        assertThat(ReceiptProgress.processedUpTo(replaying, HEAD)).isFalse();
    }
}

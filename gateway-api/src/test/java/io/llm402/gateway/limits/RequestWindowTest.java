package io.llm402.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** new-api's two counts in one sliding window: a total that includes failures, and successes recorded afterwards. */
class RequestWindowTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void theTotalAdmitsExactlyItsLimitWithinTheWindowFailuresIncluded() {
        RequestWindow window = new RequestWindow(MINUTE);
        WindowLimit limit = new WindowLimit(MINUTE, 3, 0);
        for (int i = 0; i < 3; i++) {
            assertThat(window.admit(T0 + i * 1_000, limit).admitted()).isTrue();
        }
        RateLimitVerdict refused = window.admit(T0 + 5_000, limit);
        assertThat(refused.outcome()).isEqualTo(RateLimitVerdict.Outcome.TOTAL_REACHED);
        // The first request leaves the window a minute after its slot: 55 s later, at most one slot (1 s) sooner.
        assertThat(refused.retryAfterMillis()).isBetween(54_000L, 56_000L);
        assertThat(window.totalCount(T0 + 5_000)).as("a refusal is not counted").isEqualTo(3);
    }

    @Test
    void aRequestThatLeftTheWindowMakesRoomForAnother() {
        RequestWindow window = new RequestWindow(MINUTE);
        WindowLimit limit = new WindowLimit(MINUTE, 2, 0);
        window.admit(T0, limit);
        window.admit(T0 + 30_000, limit);
        assertThat(window.admit(T0 + 59_000, limit).admitted()).isFalse();
        assertThat(window.admit(T0 + 61_000, limit).admitted()).as("the first request left").isTrue();
        assertThat(window.admit(T0 + 62_000, limit).admitted()).isFalse();
        assertThat(window.admit(T0 + 91_000, limit).admitted()).as("the second left too").isTrue();
    }

    @Test
    void theSuccessLimitCountsOnlySuccessesAndIsCheckedFirst() {
        RequestWindow window = new RequestWindow(MINUTE);
        WindowLimit limit = new WindowLimit(MINUTE, 10, 2);
        for (int i = 0; i < 5; i++) {
            assertThat(window.admit(T0 + i, limit).admitted()).as("failures do not use the success budget").isTrue();
        }
        window.succeeded(T0 + 10);
        window.succeeded(T0 + 20);
        RateLimitVerdict refused = window.admit(T0 + 30, limit);
        assertThat(refused.outcome()).isEqualTo(RateLimitVerdict.Outcome.SUCCESS_REACHED);
        assertThat(refused.retryAfterMillis()).isPositive().isLessThanOrEqualTo(MINUTE);
        assertThat(window.successCount(T0 + 30)).isEqualTo(2);
        assertThat(window.totalCount(T0 + 30)).isEqualTo(5);
    }

    @Test
    void aZeroTotalIsUnlimited() {
        RequestWindow window = new RequestWindow(MINUTE);
        WindowLimit limit = new WindowLimit(MINUTE, 0, 1000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(window.admit(T0 + i, limit).admitted()).isTrue();
        }
    }

    @Test
    void aCallerWhoseClockLagsCountsInTheLatestSlot() {
        RequestWindow window = new RequestWindow(MINUTE);
        WindowLimit limit = new WindowLimit(MINUTE, 2, 0);
        window.admit(T0 + 90_000, limit);
        window.admit(T0 + 1_000, limit); // another node, its clock behind
        assertThat(window.totalCount(T0 + 90_000)).isEqualTo(2);
        assertThat(window.admit(T0 + 2_000, limit).admitted()).isFalse();
    }

    @Test
    void anIdleWindowForgetsEverything() {
        RequestWindow window = new RequestWindow(MINUTE);
        WindowLimit limit = new WindowLimit(MINUTE, 1, 1);
        window.admit(T0, limit);
        window.succeeded(T0);
        long muchLater = T0 + 10 * MINUTE;
        assertThat(window.totalCount(muchLater)).isZero();
        assertThat(window.successCount(muchLater)).isZero();
        assertThat(window.admit(muchLater, limit).admitted()).isTrue();
    }
}

package io.llm402.projections.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.ledger.api.UsageExpiredEvent;
import io.llm402.domain.ledger.api.UsagePostedEvent;
import io.llm402.domain.ledger.api.UsageReservedEvent;
import io.llm402.domain.ledger.api.UsageVoidedEvent;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.projections.requests.api.FindReceiptQuery;
import io.llm402.projections.requests.api.FindTokenSpendingQuery;
import io.llm402.projections.requests.api.ListUsageRollupsQuery;
import io.llm402.projections.requests.api.PageRequestLogQuery;
import io.llm402.projections.requests.api.RequestLogEntryView;
import io.llm402.projections.requests.api.RequestLogFilter;
import io.llm402.projections.requests.api.TokenSpendingView;
import io.llm402.projections.requests.api.UsageRollupView;
import io.llm402.projections.support.ReadModelDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-26T06:31:42Z");

    @TempDir
    Path dir;
    private RequestLogProjection projection;

    @BeforeEach
    void setUp() {
        projection = new RequestLogProjection(ReadModelDatabase.migratedOperations(dir), event -> { });
    }

    @Test
    void aRedeliveredChargeIsCountedOnce() {
        projection.on(reserved("r-1"));
        UsagePostedEvent posted = posted("r-1", 240_000);
        projection.on(posted, AT);
        projection.on(posted, AT);

        assertThat(projection.handle(new FindTokenSpendingQuery("t-1")))
                .isEqualTo(new TokenSpendingView("t-1", 240_000, 1));
        assertThat(projection.handle(new FindReceiptQuery("r-1"))).hasValueSatisfying(receipt -> {
            assertThat(receipt.phase()).isEqualTo("posted");
            assertThat(receipt.cachedTokens()).isEqualTo(400);
            assertThat(receipt.basis()).isEqualTo("upstream");
        });
    }

    @Test
    void chargesRollUpPerMinuteHourAndDay() {
        projection.on(reserved("r-1"));
        projection.on(posted("r-1", 240_000), AT);
        projection.on(reserved("r-2"));
        projection.on(posted("r-2", 60_000), AT.plusSeconds(10));

        assertThat(projection.handle(new ListUsageRollupsQuery("minute", 0, Long.MAX_VALUE))).singleElement()
                .isEqualTo(new UsageRollupView("minute", Instant.parse("2026-11-26T06:31:00Z").toEpochMilli(),
                        "gpt-4o-mini", "u-1", "t-1", "c-1", 2, 1200, 800, 0, 400, 300_000));
        assertThat(projection.handle(new ListUsageRollupsQuery("day", 0, Long.MAX_VALUE)))
                .extracting(UsageRollupView::bucketStartEpochMs)
                .containsExactly(Instant.parse("2026-11-26T00:00:00Z").toEpochMilli());
    }

    @Test
    void aProcessorBatchIsWrittenAtCommitAsIfEventByEvent() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(reserved("r-1"));
        projection.on(posted("r-1", 240_000), AT);
        projection.on(posted("r-1", 240_000), AT);
        projection.on(reserved("r-2"));
        projection.on(posted("r-2", 60_000), AT.plusSeconds(10));
        projection.on(reserved("r-3"));
        projection.on(new UsageVoidedEvent("a-1", "r-3", "upstream failed"));
        projection.on(posted("r-3", 1), AT);
        assertThat(projection.handle(new FindReceiptQuery("r-1"))).isEmpty();

        batch.commit();

        assertThat(projection.handle(new FindTokenSpendingQuery("t-1")))
                .isEqualTo(new TokenSpendingView("t-1", 300_000, 2));
        assertThat(projection.handle(new ListUsageRollupsQuery("minute", 0, Long.MAX_VALUE))).singleElement()
                .isEqualTo(new UsageRollupView("minute", Instant.parse("2026-11-26T06:31:00Z").toEpochMilli(),
                        "gpt-4o-mini", "u-1", "t-1", "c-1", 2, 1200, 800, 0, 400, 300_000));
        assertThat(projection.handle(new FindReceiptQuery("r-1")).orElseThrow().phase()).isEqualTo("posted");
        assertThat(projection.handle(new FindReceiptQuery("r-3")).orElseThrow().phase()).isEqualTo("voided");

        // The same events again, in a later batch, change nothing.
        UnitOfWork<?> redelivery = DefaultUnitOfWork.startAndGet(null);
        projection.on(reserved("r-2"));
        projection.on(posted("r-2", 60_000), AT.plusSeconds(10));
        redelivery.commit();
        assertThat(projection.handle(new FindTokenSpendingQuery("t-1")))
                .isEqualTo(new TokenSpendingView("t-1", 300_000, 2));
    }

    @Test
    void anExpiredReservationCostsNothing() {
        projection.on(reserved("r-1"));
        projection.on(new UsageExpiredEvent("a-1", "r-1", "node restarted"));
        projection.on(posted("r-1", 1), AT);

        assertThat(projection.handle(new FindReceiptQuery("r-1")).orElseThrow().phase()).isEqualTo("expired");
        assertThat(projection.handle(new FindTokenSpendingQuery("t-1")).spentNanoUsd()).isZero();
    }

    @Test
    void theLogIsPagedByKeysetNewestFirstWithoutGapsOrRepeats() {
        for (int i = 1; i <= 5; i++) {
            projection.on(new UsageReservedEvent("a-1", "r-" + i, "u-1", "t-1", "gpt-4o-mini", 1_000_000,
                    AT.plusSeconds(i / 2)));
        }
        projection.on(new UsageVoidedEvent("a-1", "r-4", "client went away"));
        RequestLogFilter all = new RequestLogFilter("u-1", null, null, null, null, null, null, 0, Long.MAX_VALUE);

        List<RequestLogEntryView> first = projection.handle(new PageRequestLogQuery(all, null, null, null, 2));
        RequestLogEntryView last = first.getLast();
        List<RequestLogEntryView> second = projection.handle(new PageRequestLogQuery(all, null,
                last.reservedAtEpochMs(), last.requestId(), 2));
        RequestLogEntryView secondLast = second.getLast();
        List<RequestLogEntryView> third = projection.handle(new PageRequestLogQuery(all, null,
                secondLast.reservedAtEpochMs(), secondLast.requestId(), 2));

        assertThat(first).extracting(RequestLogEntryView::requestId).containsExactly("r-5", "r-4");
        assertThat(second).extracting(RequestLogEntryView::requestId).containsExactly("r-3", "r-2");
        assertThat(third).extracting(RequestLogEntryView::requestId).containsExactly("r-1");
        assertThat(projection.handle(new PageRequestLogQuery(all, "voided", null, null, 10)))
                .extracting(RequestLogEntryView::requestId).containsExactly("r-4");
        RequestLogFilter someoneElse = new RequestLogFilter("u-2", null, null, null, null, null, null, 0,
                Long.MAX_VALUE);
        assertThat(projection.handle(new PageRequestLogQuery(someoneElse, null, null, null, 10))).isEmpty();
    }

    private static UsageReservedEvent reserved(String requestId) {
        return new UsageReservedEvent("a-1", requestId, "u-1", "t-1", "gpt-4o-mini", 1_000_000, AT);
    }

    private static UsagePostedEvent posted(String requestId, long amount) {
        Charge charge = new Charge("gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini", "c-1",
                new CanonicalUsage(600, 400, 0, 200, 0, UsageBasis.UPSTREAM), 1, 1_000_000, 500_000, 1_250_000,
                amount, 2_000_000);
        return new UsagePostedEvent("a-1", requestId, requestId, LedgerAccounts.allowance("a-1"),
                LedgerAccounts.REVENUE, amount, TransferCode.USAGE, 1_000_000, 0, charge);
    }
}

package io.llm402.projections.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.ledger.api.LedgerAccounts;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.ledger.api.UsagePostedEvent;
import io.llm402.domain.ledger.api.UsageReservedEvent;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.projections.requests.api.SummarizeUsageQuery;
import io.llm402.projections.requests.api.UsageDimension;
import io.llm402.projections.requests.api.UsageSummary;
import io.llm402.projections.requests.api.UsageTotals;
import io.llm402.projections.support.ReadModelDatabase;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The dashboard's sums: totals, a ranking with the rest as "other", and per-bucket points, all from the rollups. */
class UsageSummariesTest {

    private static final Instant HOUR = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    Path dir;
    private RequestLogProjection projection;
    private UsageSummaries summaries;
    private int requests;

    @BeforeEach
    void setUp() {
        JdbcTemplate operations = ReadModelDatabase.migratedOperations(dir);
        projection = new RequestLogProjection(operations, event -> { });
        summaries = new UsageSummaries(operations);
        charge("u-1", "t-1", "gpt-4o-mini", 300, HOUR.plusSeconds(60));
        charge("u-1", "t-1", "gpt-4o-mini", 200, HOUR.plusSeconds(3_700));
        charge("u-1", "t-2", "claude-sonnet-4-5", 900, HOUR.plusSeconds(120));
        charge("u-2", "t-3", "gemini-2.5-pro", 50, HOUR.plusSeconds(180));
    }

    @Test
    void theTopModelsAreRankedBySpendAndTheRestSummedAsOther() {
        UsageSummary summary = summaries.handle(new SummarizeUsageQuery(null, HOUR.toEpochMilli(),
                HOUR.plusSeconds(7_200).toEpochMilli(), "hour", UsageDimension.MODEL, 2, true));

        assertThat(summary.totals().requests()).isEqualTo(4);
        assertThat(summary.totals().amountNanoUsd()).isEqualTo(1_450);
        assertThat(summary.ranking()).extracting(UsageSummary.Share::key)
                .containsExactly("claude-sonnet-4-5", "gpt-4o-mini", UsageSummary.OTHER);
        assertThat(summary.ranking().getLast().totals().amountNanoUsd()).isEqualTo(50);
        assertThat(summary.series()).extracting(point -> point.bucketStartEpochMs() + " " + point.key() + " "
                        + point.totals().amountNanoUsd())
                .containsExactlyInAnyOrder(HOUR.toEpochMilli() + " gpt-4o-mini 300",
                        HOUR.toEpochMilli() + " claude-sonnet-4-5 900", HOUR.toEpochMilli() + "  50",
                        HOUR.plusSeconds(3_600).toEpochMilli() + " gpt-4o-mini 200");
    }

    @Test
    void aUsersSummaryHasOnlyTheirUsageAndKeysAreNamed() {
        UsageSummary summary = summaries.handle(new SummarizeUsageQuery("u-1", HOUR.toEpochMilli(),
                HOUR.plusSeconds(7_200).toEpochMilli(), "hour", UsageDimension.TOKEN, 10, false));

        assertThat(summary.totals()).isEqualTo(new UsageTotals(3, 1_800, 1_200, 0, 600, 1_400));
        assertThat(summary.ranking()).extracting(UsageSummary.Share::key).containsExactly("t-2", "t-1");
        // The keys are not in this read model's token table here, so they are shown by id.
        assertThat(summary.ranking()).extracting(UsageSummary.Share::label).containsExactly("t-2", "t-1");
        assertThat(summary.series()).as("not asked for").isEmpty();
    }

    @Test
    void aRangeWithNothingSumsToZero() {
        UsageSummary summary = summaries.handle(new SummarizeUsageQuery(null, 0, 1_000, "day", UsageDimension.USER,
                5, true));

        assertThat(summary.totals()).isEqualTo(UsageTotals.NONE);
        assertThat(summary.ranking()).isEmpty();
        assertThat(summary.series()).isEmpty();
    }

    private void charge(String user, String token, String model, long amount, Instant at) {
        String requestId = "r-" + ++requests;
        projection.on(new UsageReservedEvent("a-1", requestId, user, token, model, 1_000_000, at));
        Charge charge = new Charge(model, model, model, "c-1",
                new CanonicalUsage(600, 400, 0, 200, 0, UsageBasis.UPSTREAM), 1, 1_000_000, 500_000, 1_250_000,
                amount, 2_000_000);
        projection.on(new UsagePostedEvent("a-1", requestId, requestId, LedgerAccounts.allowance("a-1"),
                LedgerAccounts.REVENUE, amount, TransferCode.USAGE, 1_000_000, 0, charge), at);
    }
}

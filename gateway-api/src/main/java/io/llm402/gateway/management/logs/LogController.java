package io.llm402.gateway.management.logs;

import io.llm402.domain.shared.NanoUsd;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementException;
import io.llm402.gateway.management.Paging;
import io.llm402.gateway.management.QuotaUnits;
import io.llm402.projections.access.api.FindUserByUsernameQuery;
import io.llm402.projections.access.api.UserView;
import io.llm402.projections.requests.api.ModelUsageView;
import io.llm402.projections.requests.api.RequestLogPage;
import io.llm402.projections.requests.api.RequestLogSum;
import io.llm402.projections.requests.api.SearchRequestLogQuery;
import io.llm402.projections.requests.api.SumRequestLogQuery;
import io.llm402.projections.requests.api.UsageByModelQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * new-api's request logs ({@code /api/log/…}) and dashboard data ({@code /api/data/…}), read from the request-log
 * projection: everyone's for admins, one's own for users (without channel details). Lists are newest first, and their
 * totals are counted only up to 10,000 ({@code total_capped} says when there may be more).
 */
@RestController
class LogController {

    private static final long DAY_SECONDS = 86_400;
    private static final long MAX_SELF_DATA_SPAN = 30 * DAY_SECONDS;

    private final AccessReadModel readModel;
    private final QueryGateway queries;

    LogController(AccessReadModel readModel, QueryGateway queries) {
        this.readModel = readModel;
        this.queries = queries;
    }

    record LogPage(int page, int pageSize, long total, boolean totalCapped, List<LogJson> items) {
    }

    record LogStat(long quota, String amountUsd, long rpm, long tpm) {
    }

    record DataPoint(String modelName, long createdAt, long count, long tokenUsed, long quota, String amountUsd) {
    }

    @GetMapping("/api/log/")
    Envelope<LogPage> all(HttpServletRequest request) {
        return page(request, null, true);
    }

    @GetMapping("/api/log/search")
    Envelope<LogPage> search(HttpServletRequest request) {
        return page(request, null, true);
    }

    @GetMapping("/api/log/self/search")
    Envelope<LogPage> selfSearch(HttpServletRequest request) {
        return page(request, Caller.current().userId(), false);
    }

    @GetMapping("/api/log/self")
    Envelope<LogPage> self(HttpServletRequest request) {
        return page(request, Caller.current().userId(), false);
    }

    @GetMapping("/api/log/stat")
    Envelope<LogStat> allStat(HttpServletRequest request) {
        return stat(request, null);
    }

    @GetMapping("/api/log/self/stat")
    Envelope<LogStat> selfStat(HttpServletRequest request) {
        return stat(request, Caller.current().userId());
    }

    @GetMapping("/api/data/")
    Envelope<List<DataPoint>> allData(HttpServletRequest request) {
        LogFilters filters = LogFilters.of(request, DAY_SECONDS);
        String userId = null;
        if (filters.username() != null) {
            userId = readModel.queryOptional(new FindUserByUsernameQuery(filters.username()), UserView.class)
                    .map(UserView::userId).orElse("no such user");
        }
        return Envelope.ok(data(filters, userId));
    }

    @GetMapping("/api/data/self")
    Envelope<List<DataPoint>> selfData(HttpServletRequest request) {
        LogFilters filters = LogFilters.of(request, DAY_SECONDS);
        if (filters.spanSeconds() > MAX_SELF_DATA_SPAN) {
            throw ManagementException.badRequest("the time span may be at most 30 days");
        }
        return Envelope.ok(data(filters, Caller.current().userId()));
    }

    private Envelope<LogPage> page(HttpServletRequest request, @Nullable String userId, boolean forAdmin) {
        Paging paging = Paging.of(request);
        LogFilters filters = LogFilters.of(request, 3650 * DAY_SECONDS);
        RequestLogPage page = readModel.query(new SearchRequestLogQuery(filters.forCaller(userId), paging.offset(),
                paging.pageSize()), RequestLogPage.class);
        return Envelope.ok(new LogPage(paging.page(), paging.pageSize(), page.total(), page.totalCapped(),
                page.items().stream().map(entry -> LogJson.of(entry, forAdmin)).toList()));
    }

    private Envelope<LogStat> stat(HttpServletRequest request, @Nullable String userId) {
        LogFilters filters = LogFilters.of(request, 3650 * DAY_SECONDS);
        RequestLogSum sum = readModel.query(new SumRequestLogQuery(filters.forCaller(userId),
                System.currentTimeMillis()), RequestLogSum.class);
        return Envelope.ok(new LogStat(QuotaUnits.toQuota(sum.amountNanoUsd()),
                NanoUsd.toUsdString(sum.amountNanoUsd()), sum.requestsLastMinute(), sum.tokensLastMinute()));
    }

    private List<DataPoint> data(LogFilters filters, @Nullable String userId) {
        List<ModelUsageView> usage = queries.query(new UsageByModelQuery(filters.fromEpochMs(), filters.toEpochMs(),
                userId), ResponseTypes.multipleInstancesOf(ModelUsageView.class)).join();
        return usage.stream().map(u -> new DataPoint(u.model(), u.hourStartEpochMs() / 1000, u.requests(), u.tokens(),
                QuotaUnits.toQuota(u.amountNanoUsd()), NanoUsd.toUsdString(u.amountNanoUsd()))).toList();
    }
}

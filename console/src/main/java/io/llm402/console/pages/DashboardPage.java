package io.llm402.console.pages;

import io.llm402.console.support.Formats;
import io.llm402.console.support.ReadModel;
import io.llm402.console.support.Viewer;
import io.llm402.console.support.Viewers;
import io.llm402.projections.ledger.api.FindWalletBalanceQuery;
import io.llm402.projections.ledger.api.WalletBalanceView;
import io.llm402.projections.requests.api.SummarizeUsageQuery;
import io.llm402.projections.requests.api.UsageDimension;
import io.llm402.projections.requests.api.UsageSummary;
import io.llm402.projections.requests.api.UsageTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard: cards (balance, spend, requests, tokens by class, average RPM and TPM over the range) and five
 * charts, each with a table of the same numbers and a link to the logs of its slice. A user sees their own usage; an
 * admin can switch to everyone's and rank by user and channel too.
 */
@Controller
class DashboardPage {

    /** Series beyond these are summed into "other": more colours than this are not told apart. */
    private static final int TOP_MODELS = 8;
    private static final int TOP_RANKED = 10;

    private final Viewers viewers;
    private final ReadModel readModel;
    private final Formats formats;

    DashboardPage(Viewers viewers, ReadModel readModel, Formats formats) {
        this.viewers = viewers;
        this.readModel = readModel;
        this.formats = formats;
    }

    @GetMapping({"/console", "/console/"})
    String dashboard(@RequestParam(required = false) @Nullable String range,
                     @RequestParam(required = false) @Nullable String by,
                     @RequestParam(required = false) @Nullable String scope, Model model) {
        Viewer viewer = viewers.required();
        UsageRange window = UsageRange.of(range, Instant.now());
        boolean everyone = viewer.admin() && "all".equals(scope);
        String userId = everyone ? null : viewer.userId();
        UsageDimension ranking = dimension(by, everyone);

        UsageSummary byModel = readModel.one(new SummarizeUsageQuery(userId, window.fromEpochMs(),
                window.toEpochMs(), window.granularity(), UsageDimension.MODEL, TOP_MODELS, true), UsageSummary.class);
        UsageSummary ranked = ranking == UsageDimension.MODEL ? byModel
                : readModel.one(new SummarizeUsageQuery(userId, window.fromEpochMs(), window.toEpochMs(),
                        window.granularity(), ranking, TOP_RANKED, false), UsageSummary.class);
        long balance = readModel.optional(new FindWalletBalanceQuery(viewer.userId()), WalletBalanceView.class)
                .map(WalletBalanceView::balanceNanoUsd).orElse(0L);

        UsageTotals totals = byModel.totals();
        model.addAttribute("range", window);
        model.addAttribute("by", ranking.name().toLowerCase(Locale.ROOT));
        model.addAttribute("everyone", everyone);
        model.addAttribute("balance", balance);
        model.addAttribute("totals", totals);
        model.addAttribute("rpm", String.format(Locale.ROOT, "%.2f", (double) totals.requests() / window.minutes()));
        model.addAttribute("tpm", String.format(Locale.ROOT, "%.1f", (double) totals.tokens() / window.minutes()));
        model.addAttribute("models", byModel.ranking());
        model.addAttribute("ranking", ranked.ranking());
        List<Long> buckets = buckets(window);
        model.addAttribute("bucketRows", bucketRows(window, buckets, byModel));
        model.addAttribute("chartJson", chartJson(window, buckets, byModel, ranked));
        return "console/dashboard";
    }

    private static UsageDimension dimension(@Nullable String by, boolean everyone) {
        UsageDimension dimension = switch (by == null ? "model" : by) {
            case "token" -> UsageDimension.TOKEN;
            case "user" -> UsageDimension.USER;
            case "channel" -> UsageDimension.CHANNEL;
            default -> UsageDimension.MODEL;
        };
        // Only an admin looking at everyone ranks by user or channel: a user's own usage has one user.
        return !everyone && (dimension == UsageDimension.USER || dimension == UsageDimension.CHANNEL)
                ? UsageDimension.MODEL : dimension;
    }

    private static List<Long> buckets(UsageRange window) {
        List<Long> buckets = new ArrayList<>();
        for (long bucket = window.fromEpochMs(); bucket < window.toEpochMs(); bucket += window.bucketMs()) {
            buckets.add(bucket);
        }
        return buckets;
    }

    /** The token mix and totals per bucket, for the charts' table view; empty buckets left out. */
    record BucketRow(String label, UsageTotals totals) {
    }

    private List<BucketRow> bucketRows(UsageRange window, List<Long> buckets, UsageSummary summary) {
        Map<Long, UsageTotals> perBucket = new LinkedHashMap<>();
        summary.series().forEach(point -> perBucket.merge(point.bucketStartEpochMs(), point.totals(),
                UsageTotals::plus));
        List<BucketRow> rows = new ArrayList<>();
        for (long bucket : buckets) {
            UsageTotals totals = perBucket.get(bucket);
            if (totals != null) {
                rows.add(new BucketRow(formats.bucket(bucket, window.granularity()), totals));
            }
        }
        return rows;
    }

    /**
     * The charts' data, as the page's script reads it: labels per bucket, one series per top model (spend in USD
     * and requests), the token mix per bucket, the ranking and the share by model. Amounts are decimal strings of
     * exact nano-USD values, parsed to numbers only for drawing.
     */
    private String chartJson(UsageRange window, List<Long> buckets, UsageSummary byModel, UsageSummary ranked) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            index.put(buckets.get(i), i);
        }
        Map<String, double[]> spend = new LinkedHashMap<>();
        Map<String, long[]> requests = new LinkedHashMap<>();
        long[][] mix = new long[4][buckets.size()];
        for (UsageSummary.Share share : byModel.ranking()) {
            spend.put(share.key(), new double[buckets.size()]);
            requests.put(share.key(), new long[buckets.size()]);
        }
        for (UsageSummary.Point point : byModel.series()) {
            Integer at = index.get(point.bucketStartEpochMs());
            if (at == null || !spend.containsKey(point.key())) {
                continue;
            }
            spend.get(point.key())[at] += point.totals().amountNanoUsd() / 1e9;
            requests.get(point.key())[at] += point.totals().requests();
            mix[0][at] += point.totals().inputTokens();
            mix[1][at] += point.totals().cachedTokens();
            mix[2][at] += point.totals().cacheWriteTokens();
            mix[3][at] += point.totals().outputTokens();
        }
        List<Map<String, Object>> spendSeries = new ArrayList<>();
        List<Map<String, Object>> requestSeries = new ArrayList<>();
        spend.forEach((key, values) -> spendSeries.add(Map.of("name", key, "data", values)));
        requests.forEach((key, values) -> requestSeries.add(Map.of("name", key, "data", values)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", buckets.stream().map(b -> formats.bucket(b, window.granularity())).toList());
        data.put("spend", spendSeries);
        data.put("requests", requestSeries);
        data.put("mix", mix);
        data.put("ranking", ranked.ranking().stream().map(share -> Map.of("name", share.label(),
                "value", share.totals().amountNanoUsd() / 1e9, "requests", share.totals().requests())).toList());
        data.put("share", byModel.ranking().stream().map(share -> Map.of("name", share.label(),
                "value", share.totals().amountNanoUsd() / 1e9)).toList());
        // Inside <script type="application/json">: "</script>" in a model name must not end the element.
        return JsonMapper.shared().writeValueAsString(data).replace("<", "\\u003c");
    }
}

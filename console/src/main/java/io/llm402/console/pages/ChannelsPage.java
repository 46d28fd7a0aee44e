package io.llm402.console.pages;

import io.llm402.console.support.ReadModel;
import io.llm402.projections.catalog.api.ChannelAdminView;
import io.llm402.projections.catalog.api.ChannelPage;
import io.llm402.projections.catalog.api.SearchChannelsQuery;
import io.llm402.projections.requests.api.SummarizeUsageQuery;
import io.llm402.projections.requests.api.UsageDimension;
import io.llm402.projections.requests.api.UsageSummary;
import io.llm402.projections.requests.api.UsageTotals;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Channels, for admins: type, host, models, groups, priority and weight (edited in place), status with its reason,
 * spend and requests over the last 24 hours; add, enable and disable through the management API. The key is
 * write-only: it can be replaced, never read back.
 */
@Controller
class ChannelsPage {

    static final int PAGE_SIZE = 50;

    /** new-api's channel type numbers LLM402 serves, as its console's type picker offers them. */
    static final List<ChannelType> TYPES = List.of(new ChannelType(1, "OpenAI"), new ChannelType(14, "Anthropic"),
            new ChannelType(24, "Google Gemini"), new ChannelType(3, "Azure OpenAI"),
            new ChannelType(43, "DeepSeek"), new ChannelType(34, "Cohere"), new ChannelType(38, "Jina"),
            new ChannelType(8, "OpenAI-compatible"));

    record ChannelType(int number, String label) {
    }

    record ChannelRow(ChannelAdminView channel, UsageTotals lastDay) {

        public long enabledKeys() {
            return channel.keys().stream().filter(k -> k.status() == ChannelAdminView.ENABLED).count();
        }

        /** "key 2: HTTP 401 invalid_api_key: …" for each disabled key, for the cell's tooltip. */
        public List<String> keyReasons() {
            return channel.keys().stream().filter(k -> k.status() != ChannelAdminView.ENABLED && k.reason() != null)
                    .map(k -> "key " + k.index() + ": " + k.reason()).toList();
        }
    }

    private final ReadModel readModel;

    ChannelsPage(ReadModel readModel) {
        this.readModel = readModel;
    }

    @GetMapping("/console/admin/channels")
    String channels(@RequestParam(defaultValue = "") String keyword, @RequestParam(defaultValue = "0") int page,
                    Model model) {
        int current = Math.max(0, page);
        ChannelPage channels = readModel.one(new SearchChannelsQuery(keyword.trim(), current * PAGE_SIZE, PAGE_SIZE),
                ChannelPage.class);
        UsageRange day = UsageRange.of("24h", Instant.now());
        UsageSummary usage = readModel.one(new SummarizeUsageQuery(null, day.fromEpochMs(), day.toEpochMs(),
                day.granularity(), UsageDimension.CHANNEL, 100, false), UsageSummary.class);
        Map<String, UsageTotals> byChannel = new HashMap<>();
        usage.ranking().forEach(share -> byChannel.put(share.key(), share.totals()));
        model.addAttribute("channels", channels.items().stream().map(channel -> new ChannelRow(channel,
                byChannel.getOrDefault(channel.channelId(), UsageTotals.NONE))).toList());
        model.addAttribute("keyword", keyword);
        model.addAttribute("page", current);
        model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < channels.total());
        model.addAttribute("types", TYPES);
        return "console/channels";
    }
}

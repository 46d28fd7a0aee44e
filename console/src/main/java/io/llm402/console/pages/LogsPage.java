package io.llm402.console.pages;

import io.llm402.console.support.Formats;
import io.llm402.console.support.ReadModel;
import io.llm402.console.support.Viewer;
import io.llm402.console.support.Viewers;
import io.llm402.projections.payments.api.FindPaymentForRequestQuery;
import io.llm402.projections.payments.api.PaymentView;
import io.llm402.projections.requests.api.FindReceiptQuery;
import io.llm402.projections.requests.api.PageRequestLogQuery;
import io.llm402.projections.requests.api.ReceiptView;
import io.llm402.projections.requests.api.RequestLogEntryView;
import io.llm402.projections.requests.api.RequestLogFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The request log: newest first, 50 rows a page by keyset (no offsets, no counts), filtered inside a time window;
 * a row expands into its receipt (tokens by class, basis, price version, ratios, amount, uncovered, x402 payment);
 * the current filter exports to CSV, streamed in batches.
 */
@Controller
class LogsPage {

    static final int PAGE_SIZE = 50;
    private static final int EXPORT_BATCH = 1_000;

    private final Viewers viewers;
    private final ReadModel readModel;
    private final Formats formats;

    LogsPage(Viewers viewers, ReadModel readModel, Formats formats) {
        this.viewers = viewers;
        this.readModel = readModel;
        this.formats = formats;
    }

    @GetMapping("/console/logs")
    String logs(LogFilters.Parameters sent, Model page) {
        rows(sent, null, false, page);
        return "console/logs";
    }

    /** The next page's rows, swapped in by htmx in place of the "older" row. */
    @GetMapping("/console/logs/rows")
    String older(LogFilters.Parameters sent, @RequestParam(required = false) @Nullable String before, Model page) {
        rows(sent, before, true, page);
        return "console/logs :: rows";
    }

    /** One page of rows after {@code before}; {@code partial} renders only the rows (an htmx swap). */
    private void rows(LogFilters.Parameters sent, @Nullable String before, boolean partial, Model page) {
        Viewer viewer = viewers.required();
        LogFilters filters = LogFilters.of(sent, viewer);
        page.addAttribute("filters", filters);
        page.addAttribute("partial", partial);
        Long beforeMs = null;
        String beforeId = null;
        if (before != null && before.matches("\\d{1,15}:[A-Za-z0-9_-]{1,64}")) {
            beforeMs = Long.valueOf(before.substring(0, before.indexOf(':')));
            beforeId = before.substring(before.indexOf(':') + 1);
        }
        List<RequestLogEntryView> entries = readModel.list(new PageRequestLogQuery(filters.toQuery(viewer,
                Instant.now()), filters.phase(), beforeMs, beforeId, PAGE_SIZE + 1), RequestLogEntryView.class);
        boolean more = entries.size() > PAGE_SIZE;
        List<RequestLogEntryView> shown = more ? entries.subList(0, PAGE_SIZE) : entries;
        page.addAttribute("entries", shown);
        page.addAttribute("next", more ? shown.getLast().reservedAtEpochMs() + ":" + shown.getLast().requestId()
                : null);
    }

    /** One row's receipt, as the row expands; another user's request is answered as unknown. */
    @GetMapping("/console/logs/receipt/{requestId}")
    String receipt(@PathVariable String requestId, Model page) {
        Viewer viewer = viewers.required();
        if (!requestId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        RequestLogFilter own = new RequestLogFilter(viewer.admin() ? null : viewer.userId(), null, null, null, null,
                null, requestId, 0, Long.MAX_VALUE);
        Optional<RequestLogEntryView> entry = readModel.list(new PageRequestLogQuery(own, null, null, null, 5),
                RequestLogEntryView.class).stream().filter(e -> e.requestId().equals(requestId)).findFirst();
        ReceiptView receipt = entry.flatMap(e -> readModel.optional(new FindReceiptQuery(requestId),
                ReceiptView.class)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        page.addAttribute("entry", entry.get());
        page.addAttribute("receipt", receipt);
        page.addAttribute("payment", readModel.optional(new FindPaymentForRequestQuery(requestId), PaymentView.class)
                .orElse(null));
        return "console/receipt :: receipt";
    }

    /** The current filter's rows as CSV, all of them, read and written a batch at a time. */
    @GetMapping("/console/logs/export.csv")
    void export(LogFilters.Parameters sent, HttpServletResponse response) throws IOException {
        Viewer viewer = viewers.required();
        LogFilters filters = LogFilters.of(sent, viewer);
        RequestLogFilter filter = filters.toQuery(viewer, Instant.now());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"llm402-requests.csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = response.getWriter();
        out.print("time,request_id,user,key,model,billed_model,upstream_model,channel,phase,input_tokens,"
                + "cached_tokens,cache_write_tokens,output_tokens,reasoning_tokens,amount_usd,reason\r\n");
        Long beforeMs = null;
        String beforeId = null;
        while (true) {
            List<RequestLogEntryView> batch = readModel.list(new PageRequestLogQuery(filter, filters.phase(),
                    beforeMs, beforeId, EXPORT_BATCH), RequestLogEntryView.class);
            for (RequestLogEntryView e : batch) {
                out.print(String.join(",", csv(formats.time(e.reservedAtEpochMs())), csv(e.requestId()),
                        csv(e.username()), csv(e.tokenName()), csv(e.model()), csv(e.billedModel()),
                        csv(e.upstreamModel()), csv(e.channelName()), csv(e.phase()),
                        Long.toString(e.inputTokens()), Long.toString(e.cachedTokens()),
                        Long.toString(e.cacheWriteTokens()), Long.toString(e.outputTokens()),
                        Long.toString(e.reasoningTokens()), formats.usdExact(e.amountNanoUsd()), csv(e.reason())));
                out.print("\r\n");
            }
            // Each batch goes out before the next is read: an export of a month stays in constant memory.
            response.flushBuffer();
            if (batch.size() < EXPORT_BATCH) {
                return;
            }
            beforeMs = batch.getLast().reservedAtEpochMs();
            beforeId = batch.getLast().requestId();
        }
    }

    /** A CSV field, quoted when needed; a leading formula character is defused (CSV injection into spreadsheets). */
    static String csv(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}

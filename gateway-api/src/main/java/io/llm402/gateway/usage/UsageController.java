package io.llm402.gateway.usage;

import io.llm402.domain.payment.api.PaymentIds;
import io.llm402.domain.shared.NanoUsd;
import io.llm402.gateway.access.ApiKeys;
import io.llm402.gateway.access.TokenDirectory;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.RequestIds;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.ledger.api.FindWalletBalanceQuery;
import io.llm402.projections.ledger.api.WalletBalanceView;
import io.llm402.projections.payments.api.FindPaymentForRequestQuery;
import io.llm402.projections.payments.api.PaymentView;
import io.llm402.projections.requests.api.FindReceiptQuery;
import io.llm402.projections.requests.api.FindTokenSpendingQuery;
import io.llm402.projections.requests.api.ListReceiptsQuery;
import io.llm402.projections.requests.api.ReceiptView;
import io.llm402.projections.requests.api.TokenSpendingView;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an API key holder may ask about money: the receipt of one request, the token's usage, and OpenAI's legacy
 * billing endpoints that chat UIs read. Money is given as integer nano-USD and as a decimal USD string.
 */
@RestController
class UsageController {

    /**
     * Receipts are projected asynchronously; a receipt asked for right after its response may be behind, by seconds
     * when the request log is catching up after a burst (CI saw 3 s pass on a loaded machine). The wait ends as soon
     * as the receipt is there, and an unknown id is answered at once once the log has passed the store's head.
     */
    private static final Duration RECEIPT_WAIT = Duration.ofSeconds(10);

    private final TokenDirectory tokens;
    private final QueryGateway queries;
    private final Catalog catalog;
    private final ReceiptProgress progress;

    UsageController(TokenDirectory tokens, QueryGateway queries, Catalog catalog, ReceiptProgress progress) {
        this.tokens = tokens;
        this.queries = queries;
        this.catalog = catalog;
        this.progress = progress;
    }

    @GetMapping("/api/usage/requests/{requestId}")
    ResponseEntity<?> receipt(@PathVariable String requestId, HttpServletRequest request) throws InterruptedException {
        Optional<ApiTokenView> token = token(request);
        // An agent paying with x402 has no key: its request id (80 random bits) is the capability to its receipt.
        boolean keyless = firstKey(request) == null;
        if (token.isEmpty() && !keyless) {
            return unauthorized();
        }
        if (!RequestIds.plausible(requestId)) {
            return token.isEmpty() ? unauthorized() : ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(error("No request " + ClientErrors.quote(requestId) + " was made with this key.",
                            "not_found"));
        }
        // Wait (bounded) for the request log to show the request resolved and its payment settled; an id it does
        // not know once it has passed the store's head is answered at once.
        long deadline = System.nanoTime() + RECEIPT_WAIT.toNanos();
        TrackingToken head = progress.head();
        Optional<ReceiptView> receipt;
        Optional<PaymentView> payment;
        while (true) {
            // Both read before the receipt: a batch committed after the read would otherwise look like a log that
            // had passed the head without the receipt (CI saw exactly that 404 on PostgreSQL).
            long seen = progress.generation();
            boolean caughtUp = progress.passed(head);
            receipt = findReceipt(requestId);
            payment = findPayment(requestId);
            boolean resolved = receipt.isPresent() && !receipt.get().phase().equals("reserved")
                    && settledOrNone(payment);
            if (resolved || (receipt.isEmpty() && caughtUp) || !progress.awaitAfter(seen, deadline)) {
                break;
            }
        }
        boolean visible = receipt.isPresent() && (token.isPresent()
                ? receipt.get().tokenId().equals(token.get().tokenId())
                : receipt.get().tokenId().startsWith(PaymentIds.payerUserId("")));
        if (!visible && token.isEmpty()) {
            return unauthorized();
        }
        // Another key's receipt is answered exactly like a missing one.
        if (!visible) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(error("No request " + requestId + " was made with this key.", "not_found"));
        }
        return ResponseEntity.ok(ReceiptResponse.of(receipt.get(), channelName(receipt.get().channelId()),
                payment.orElse(null)));
    }

    /**
     * The key's own receipts reserved since {@code since} (ISO-8601 or epoch milliseconds; default: the last 24 hours),
     * oldest first, {@code limit} per page (default 100, at most 1,000), the next page from {@code after}. For
     * reconciling: a node that dies between a durable charge and the answer leaves a receipt the client never saw.
     */
    @GetMapping("/api/usage/requests")
    ResponseEntity<?> receipts(HttpServletRequest request, @RequestParam(required = false) @Nullable String since,
                               @RequestParam(required = false) @Nullable Integer limit,
                               @RequestParam(required = false) @Nullable String after) {
        Optional<ApiTokenView> found = token(request);
        if (found.isEmpty()) {
            return unauthorized();
        }
        long sinceMs;
        try {
            sinceMs = since == null ? System.currentTimeMillis() - Duration.ofDays(1).toMillis()
                    : since.chars().allMatch(Character::isDigit) ? Long.parseLong(since)
                    : Instant.parse(since).toEpochMilli();
        } catch (RuntimeException e) {
            return badRequest("'since' must be an ISO-8601 instant or epoch milliseconds.");
        }
        int pageSize = limit == null ? 100 : limit;
        if (pageSize < 1 || pageSize > 1_000) {
            return badRequest("'limit' must be from 1 to 1000.");
        }
        long afterMs = -1;
        if (after != null) {
            if (!RequestIds.plausible(after)) {
                return badRequest("'after' must be a request id from the previous page.");
            }
            Optional<ReceiptView> cursor = findReceipt(after).filter(r -> r.tokenId().equals(found.get().tokenId()));
            if (cursor.isEmpty()) {
                return badRequest("'after' must be a request id from the previous page.");
            }
            afterMs = cursor.get().reservedAtEpochMs();
        }
        List<ReceiptView> page = queries.query(new ListReceiptsQuery(found.get().tokenId(), sinceMs, afterMs,
                after, pageSize + 1), ResponseTypes.multipleInstancesOf(ReceiptView.class)).join();
        boolean more = page.size() > pageSize;
        List<ReceiptView> shown = more ? page.subList(0, pageSize) : page;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", shown.stream().map(r -> ReceiptResponse.of(r, channelName(r.channelId()), null)).toList());
        body.put("has_more", more);
        body.put("next_after", more ? shown.getLast().requestId() : null);
        return ResponseEntity.ok(body);
    }

    @GetMapping("/api/usage/token")
    ResponseEntity<?> tokenUsage(HttpServletRequest request) {
        Optional<ApiTokenView> found = token(request);
        if (found.isEmpty()) {
            return unauthorized();
        }
        ApiTokenView token = found.get();
        TokenSpendingView spending = spending(token);
        WalletBalanceView balance = balance(token);
        long available = balance.balanceNanoUsd();
        if (token.limitNanoUsd() != null) {
            available = Math.min(available, Math.max(0, token.limitNanoUsd() - spending.spentNanoUsd()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "token_usage");
        body.put("name", token.name());
        body.put("unlimited", token.limitNanoUsd() == null);
        body.put("granted_nano_usd", token.limitNanoUsd());
        body.put("granted_usd", token.limitNanoUsd() == null ? null : NanoUsd.toUsdString(token.limitNanoUsd()));
        body.put("used_nano_usd", spending.spentNanoUsd());
        body.put("used_usd", NanoUsd.toUsdString(spending.spentNanoUsd()));
        body.put("available_nano_usd", available);
        body.put("available_usd", NanoUsd.toUsdString(available));
        body.put("requests", spending.requests());
        body.put("models", token.models());
        body.put("expires_at", token.expiresAt());
        return ResponseEntity.ok(body);
    }

    /** OpenAI's legacy endpoint: the hard limit is what this key can still spend, in USD. */
    @GetMapping({"/v1/dashboard/billing/subscription", "/dashboard/billing/subscription"})
    ResponseEntity<?> subscription(HttpServletRequest request) {
        Optional<ApiTokenView> found = token(request);
        if (found.isEmpty()) {
            return unauthorized();
        }
        ApiTokenView token = found.get();
        TokenSpendingView spending = spending(token);
        WalletBalanceView balance = balance(token);
        long limit = token.limitNanoUsd() != null ? token.limitNanoUsd()
                : Math.addExact(balance.balanceNanoUsd(), spending.spentNanoUsd());
        double hardLimitUsd = limit / (double) NanoUsd.PER_USD;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "billing_subscription");
        body.put("has_payment_method", true);
        body.put("soft_limit_usd", hardLimitUsd);
        body.put("hard_limit_usd", hardLimitUsd);
        body.put("system_hard_limit_usd", hardLimitUsd);
        body.put("access_until", token.expiresAt() == null ? 0 : token.expiresAt().getEpochSecond());
        return ResponseEntity.ok(body);
    }

    /** OpenAI's legacy endpoint: {@code total_usage} in US cents, as chat UIs expect. */
    @GetMapping({"/v1/dashboard/billing/usage", "/dashboard/billing/usage"})
    ResponseEntity<?> billingUsage(HttpServletRequest request) {
        Optional<ApiTokenView> found = token(request);
        if (found.isEmpty()) {
            return unauthorized();
        }
        TokenSpendingView spending = spending(found.get());
        return ResponseEntity.ok(Map.of("object", "list",
                "total_usage", spending.spentNanoUsd() / (double) (NanoUsd.PER_USD / 100)));
    }

    private @Nullable String channelName(@Nullable String channelId) {
        return catalog.snapshot().channels().stream().filter(c -> c.channelId().equals(channelId))
                .map(c -> c.name()).findFirst().orElse(channelId);
    }

    private TokenSpendingView spending(ApiTokenView token) {
        return queries.query(new FindTokenSpendingQuery(token.tokenId()),
                ResponseTypes.instanceOf(TokenSpendingView.class)).join();
    }

    private WalletBalanceView balance(ApiTokenView token) {
        return queries.query(new FindWalletBalanceQuery(token.userId()),
                ResponseTypes.instanceOf(WalletBalanceView.class)).join();
    }

    private Optional<ReceiptView> findReceipt(String requestId) {
        return queries.query(new FindReceiptQuery(requestId), ResponseTypes.optionalInstanceOf(ReceiptView.class))
                .join();
    }

    private Optional<PaymentView> findPayment(String requestId) {
        return queries.query(new FindPaymentForRequestQuery(requestId),
                ResponseTypes.optionalInstanceOf(PaymentView.class)).join();
    }

    /** No payment, or one past its last step (a settled payment still awaits its credit). */
    private static boolean settledOrNone(Optional<PaymentView> payment) {
        return payment.map(p -> !List.of("claimed", "verified", "settled").contains(p.status())).orElse(true);
    }

    /** The key wherever the relay accepts it: bearer, {@code api-key}, {@code x-api-key}, {@code x-goog-api-key}. */
    private Optional<ApiTokenView> token(HttpServletRequest request) {
        String key = firstKey(request);
        if (key == null) {
            return Optional.empty();
        }
        return tokens.findUsable(key);
    }

    private static @Nullable String firstKey(HttpServletRequest request) {
        String key = ApiKeys.bearer(request);
        for (String header : new String[] {"api-key", "x-api-key", "x-goog-api-key"}) {
            if (key == null) {
                key = ApiKeys.header(request, header);
            }
        }
        return key;
    }

    private static ResponseEntity<?> badRequest(String message) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(error(message, "invalid_request"));
    }

    private static ResponseEntity<?> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(error("Incorrect API key provided.",
                "invalid_api_key"));
    }

    private static Map<String, Object> error(String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.put("param", null);
        error.put("code", code);
        return Map.of("error", error);
    }

    /** The receipt as served: every amount in nano-USD and as a USD string. */
    record ReceiptResponse(String requestId, String model, @Nullable String billedModel, @Nullable String upstreamModel,
                           @Nullable String channel, String phase, @Nullable String basis,
                           @Nullable Map<String, Long> usage, @Nullable Integer priceVersion,
                           @Nullable Map<String, @Nullable String> ratios, long reservedNanoUsd, String reservedUsd,
                           long amountNanoUsd, String amountUsd, long uncoveredNanoUsd, @Nullable String reason,
                           @Nullable Map<String, @Nullable Object> payment) {

        static ReceiptResponse of(ReceiptView r, @Nullable String channelName, @Nullable PaymentView payment) {
            Map<String, Long> usage = r.inputTokens() == null ? null : orderedUsage(r);
            Map<String, @Nullable String> ratios = null;
            if (r.groupRatioMillionths() != null) {
                ratios = new LinkedHashMap<>();
                ratios.put("group", ratio(r.groupRatioMillionths()));
                ratios.put("cache", ratio(r.cacheRatioMillionths()));
                ratios.put("cache_write", ratio(r.cacheWriteRatioMillionths()));
                if (r.cacheWrite1hRatioMillionths() != null && r.cacheWrite1hRatioMillionths() > 0) {
                    ratios.put("cache_write_1h", ratio(r.cacheWrite1hRatioMillionths()));
                }
            }
            return new ReceiptResponse(r.requestId(), r.model(), r.billedModel(), r.upstreamModel(), channelName,
                    r.phase(), r.basis(), usage, r.priceVersion(), ratios, r.reservedNanoUsd(),
                    NanoUsd.toUsdString(r.reservedNanoUsd()), r.amountNanoUsd(), NanoUsd.toUsdString(r.amountNanoUsd()),
                    r.uncoveredNanoUsd(), r.reason(), payment == null ? null : payment(payment));
        }

        /** The x402 payment behind the request: what was paid, what the request cost, what stayed as credit. */
        private static Map<String, @Nullable Object> payment(PaymentView p) {
            Map<String, @Nullable Object> payment = new LinkedHashMap<>();
            payment.put("payment_id", p.paymentId());
            payment.put("status", p.status());
            payment.put("payer", p.payer());
            payment.put("network", p.network());
            payment.put("asset", p.asset());
            payment.put("transaction", p.transaction());
            payment.put("authorized_amount", p.amountAtomic());
            boolean paid = p.transaction() != null;
            payment.put("paid_usd", NanoUsd.toUsdString(paid ? p.amountNanoUsd() : 0));
            payment.put("charged_usd", p.chargedNanoUsd() == null ? null : NanoUsd.toUsdString(p.chargedNanoUsd()));
            payment.put("credited_usd", p.creditedNanoUsd() == null ? null
                    : NanoUsd.toUsdString(p.creditedNanoUsd()));
            if (p.failureReason() != null) {
                payment.put("failure_stage", p.failureStage());
                payment.put("failure_reason", p.failureReason());
            }
            return payment;
        }

        private static Map<String, Long> orderedUsage(ReceiptView r) {
            Map<String, Long> usage = new LinkedHashMap<>();
            usage.put("input_tokens", r.inputTokens());
            usage.put("cached_tokens", r.cachedTokens());
            usage.put("cache_write_tokens", r.cacheWriteTokens());
            if (r.cacheWrite1hTokens() != null && r.cacheWrite1hTokens() > 0) {
                usage.put("cache_write_1h_tokens", r.cacheWrite1hTokens());
            }
            if (r.searchUnits() != null && r.searchUnits() > 0) {
                usage.put("search_units", r.searchUnits());
            }
            usage.put("output_tokens", r.outputTokens());
            usage.put("reasoning_tokens", r.reasoningTokens());
            return usage;
        }

        private static String ratio(@Nullable Long millionths) {
            return millionths == null ? "1" : new io.llm402.domain.shared.Ratio(millionths).toString();
        }
    }
}

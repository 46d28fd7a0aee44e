package io.llm402.gateway.relay;

import io.llm402.domain.ledger.api.ReserveOutcome;
import io.llm402.domain.ledger.api.ReserveUsage;
import io.llm402.domain.ledger.api.Shortfall;
import io.llm402.domain.ledger.api.UsageLedger;
import io.llm402.domain.request.api.RequestRejectedEvent;
import io.llm402.domain.shared.GroupCommit;
import io.llm402.domain.shared.NanoUsd;
import io.llm402.gateway.access.TokenDirectory;
import io.llm402.gateway.billing.IdleMoneyRecall;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.limits.RequestLimits;
import io.llm402.gateway.payment.PaymentDesk;
import io.llm402.gateway.routing.ChannelRouter;
import io.llm402.gateway.wire.BadRequestException;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.Failure;
import io.llm402.gateway.wire.RequestIds;
import io.llm402.gateway.wire.WireFormat;
import io.llm402.projections.access.api.ApiTokenView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.GenericEventMessage;
import org.jspecify.annotations.Nullable;

/**
 * Every relayed API call, end to end, whatever its format, told in steps: who calls (key, or an x402 payment), read
 * the request, {@link Admission} (model, allow-list, channels, price, maximum cost), open the {@link Payer} (reserve
 * the maximum, or the x402 checkout), then {@link ChannelAttempts} (failover in {@link ChannelRouter}'s order) hands
 * the answer to {@link WholeRelay} or {@link StreamRelay}, which charge it durably before the response completes.
 * What differs per API lives in its {@link ClientApi}.
 */
public final class RelayEngine {

    /** Larger bodies are refused before parsing (Anthropic's own limit is 32 MB). */
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final TokenDirectory tokens;
    private final Catalog catalog;
    private final UsageLedger ledger;
    private final ChannelRouter router;
    private final ChannelAttempts attempts;
    private final int retries;
    private final Clock clock;
    private final GroupCommit groupCommit;
    private final RequestLimits limits;
    private final IdleMoneyRecall idleMoney;
    /** {@code null} when x402 is off: a request without a key is then refused with 401. */
    private final @Nullable X402Checkout x402;

    RelayEngine(TokenDirectory tokens, Catalog catalog, UsageLedger ledger, ChannelRouter router,
                ChannelAttempts attempts, int retries, Clock clock, GroupCommit groupCommit, RequestLimits limits,
                IdleMoneyRecall idleMoney, @Nullable PaymentDesk payments) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.ledger = ledger;
        this.router = router;
        this.attempts = attempts;
        this.retries = retries;
        this.clock = clock;
        this.groupCommit = groupCommit;
        this.limits = limits;
        this.idleMoney = idleMoney;
        this.x402 = payments == null ? null : new X402Checkout(payments, ledger);
    }

    /** The caller's token, or {@code null} after an error was written in the caller's format. */
    public @Nullable ApiTokenView authenticate(WireFormat format, HttpServletRequest request,
                                               HttpServletResponse response) throws IOException {
        String key = format.key(request);
        Optional<ApiTokenView> found = key == null ? Optional.empty() : tokens.find(key);
        Optional<Admission.Refused> refused = Admission.checkKey(key, found, clock.instant(),
                request.getRemoteAddr());
        if (refused.isPresent()) {
            found.ifPresent(token -> recordRejection(response, token, null, refused.get().failure().status(format),
                    refused.get().code()));
            refuse(response, format, refused.get());
            return null;
        }
        return found.orElseThrow();
    }

    public void handle(ClientApi api, HttpServletRequest request, HttpServletResponse response,
                       @Nullable String pathModel) throws IOException {
        WireFormat format = api.operation().format();
        String requestId = RequestIds.next();
        response.setHeader(ClientErrors.REQUEST_ID_HEADER, requestId);
        // Without a key, and where x402 is on, the caller may pay for this one (billed) request instead.
        boolean paying = x402 != null && format.key(request) == null && api.operation().billed();
        if (paying) {
            RequestLimits.Refusal limited = limits.admitKeyless(request.getRemoteAddr());
            if (limited != null) {
                refuse(response, format, limited);
                return;
            }
        }
        ApiTokenView token = paying ? null : authenticate(format, request, response);
        if (token == null && !paying) {
            return;
        }
        if (token != null) {
            // new-api's model request limit: counted before the body is read, so failures count too.
            RequestLimits.Refusal limited = limits.admitModelRequest(token.userId(), token.effectiveGroup());
            if (limited != null) {
                recordRejection(response, token, null, limited.failure().status(format), limited.code());
                refuse(response, format, limited);
                return;
            }
            RequestLimits.SlotGrant slots = limits.acquireSlots(token.tokenId(), token.userId());
            if (slots.refusal() != null) {
                recordRejection(response, token, null, slots.refusal().failure().status(format),
                        slots.refusal().code());
                refuse(response, format, slots.refusal());
                return;
            }
            try {
                admitAndRelay(api, request, response, pathModel, token);
            } finally {
                limits.releaseSlots(slots);
            }
            // A request that ended in an exception is no success: it is not counted as one.
            limits.modelRequestCompleted(token.userId(), token.effectiveGroup(), response.getStatus());
        } else {
            admitAndRelay(api, request, response, pathModel, null);
        }
    }

    private void admitAndRelay(ClientApi api, HttpServletRequest request, HttpServletResponse response,
                               @Nullable String pathModel, @Nullable ApiTokenView token) throws IOException {
        WireFormat format = api.operation().format();
        String requestId = response.getHeader(ClientErrors.REQUEST_ID_HEADER);
        ApiCall parsed = read(api, request, response, pathModel);
        if (parsed == null) {
            return;
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        String group = token != null ? token.effectiveGroup() : x402.group();
        switch (Admission.decide(api, parsed, token, group, snapshot)) {
            case Admission.Refused refused -> {
                if (token != null && refused.failure() != Failure.NOT_FOUND && refused.failure() != Failure.MALFORMED) {
                    recordRejection(response, token, parsed.model(), refused.failure().status(format),
                            refused.code());
                }
                refuse(response, format, refused);
            }
            case Admission.AnswerLocally local -> answerLocally(api, local.call(), response);
            case Admission.Admitted admitted -> {
                Payer payer = openPayer(admitted, token, request, response, requestId);
                if (payer != null) {
                    relay(new Exchange(api, admitted.call(), admitted.pricing(), payer, snapshot), admitted,
                            response);
                }
            }
        }
    }

    /** The parsed request, or {@code null} after a 400/413 in the caller's format. No servlet past this step. */
    private static @Nullable ApiCall read(ClientApi api, HttpServletRequest request, HttpServletResponse response,
                                          @Nullable String pathModel) throws IOException {
        WireFormat format = api.operation().format();
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (raw.length > MAX_BODY_BYTES) {
            ClientErrors.write(response, format, Failure.TOO_LARGE, "The request body is larger than 32 MB.",
                    "request_too_large");
            return null;
        }
        try {
            return api.parse(raw, request, pathModel);
        } catch (BadRequestException e) {
            ClientErrors.write(response, format, Failure.MALFORMED, e.getMessage(), e.code());
            return null;
        }
    }

    /** Reserves the maximum cost with the key's wallet, or runs the x402 checkout; {@code null} once refused. */
    private @Nullable Payer openPayer(Admission.Admitted admitted, @Nullable ApiTokenView token,
                                      HttpServletRequest request, HttpServletResponse response, String requestId)
            throws IOException {
        Admission.Pricing pricing = admitted.pricing();
        if (pricing == null) {
            return Payer.FREE;
        }
        WireFormat format = admitted.call().operation().format();
        if (token == null) {
            return x402.admit(request, response, format, requestId, admitted.call().model(),
                    pricing.maximumNanoUsd());
        }
        ReserveUsage usage = new ReserveUsage(token.userId(), token.tokenId(), token.limitNanoUsd(), requestId,
                admitted.call().model(), pricing.maximumNanoUsd());
        ReserveOutcome outcome = ledger.reserve(usage);
        if (outcome instanceof ReserveOutcome.Refused refused && refused.shortfall() == Shortfall.BALANCE) {
            // The rest of the balance may sit idle in tranches on other nodes: bring it back and try once more.
            idleMoney.recall(token.userId());
            outcome = ledger.reserve(usage);
        }
        return switch (outcome) {
            case ReserveOutcome.Reserved reserved -> new Payer.KeyPayer(ledger, reserved.reservation());
            case ReserveOutcome.Refused refused -> {
                recordRejection(response, token, admitted.call().model(), Failure.PAYMENT_REQUIRED.status(format),
                        "insufficient_quota");
                ClientErrors.write(response, format, Failure.PAYMENT_REQUIRED, paymentRequired(refused),
                        "insufficient_quota");
                yield null;
            }
        };
    }

    private void relay(Exchange exchange, Admission.Admitted admitted, HttpServletResponse response)
            throws IOException {
        try {
            // The whole order: channels whose circuit is open are passed over without using up an attempt.
            attempts.run(exchange, router.attempts(admitted.channels(), admitted.channels().size()),
                    1 + Math.max(0, exchange.snapshot().retryRules().retriesOr(retries)), response);
        } catch (RuntimeException | IOException e) {
            if (!exchange.payer().resolved()) {
                try {
                    exchange.payer().release("gateway error: " + e.getClass().getSimpleName());
                } catch (RuntimeException releaseFailed) {
                    e.addSuppressed(releaseFailed);
                }
            }
            throw e;
        }
    }

    private static void answerLocally(ClientApi api, ApiCall call, HttpServletResponse response) throws IOException {
        byte[] local = api.answerLocally(call);
        if (local == null) {
            ClientErrors.write(response, api.operation().format(), Failure.MALFORMED, "The model '"
                    + ClientErrors.quote(call.model()) + "' is not served through this API.",
                    "unsupported_api_for_model");
            return;
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(local.length);
        response.getOutputStream().write(local);
    }

    /** A known key's refused request, as an event in the next group commit (nothing waits for it). */
    private void recordRejection(HttpServletResponse response, ApiTokenView token, @Nullable String model,
                                 int status, String code) {
        String requestId = response.getHeader(ClientErrors.REQUEST_ID_HEADER);
        groupCommit.append(List.of(GenericEventMessage.asEventMessage(new RequestRejectedEvent(requestId,
                token.tokenId(), token.userId(), model, status, code, clock.instant()))));
    }

    private static void refuse(HttpServletResponse response, WireFormat format, Admission.Refused refused)
            throws IOException {
        ClientErrors.write(response, format, refused.failure(), refused.message(), refused.code());
    }

    private static void refuse(HttpServletResponse response, WireFormat format, RequestLimits.Refusal refused)
            throws IOException {
        refused.writeHeaders(response);
        ClientErrors.write(response, format, refused.failure(), refused.message(), refused.code());
    }

    static String paymentRequired(ReserveOutcome.Refused refused) {
        String needed = NanoUsd.toUsdString(refused.neededNanoUsd());
        String available = NanoUsd.toUsdString(refused.availableNanoUsd());
        return refused.shortfall() == Shortfall.TOKEN_LIMIT
                ? "This API token's spending limit is reached: the request may cost up to $" + needed
                + ", the token has $" + available + " left."
                : "Insufficient balance: the request may cost up to $" + needed + ", the balance is $" + available
                + ". Top up to continue.";
    }
}

package io.llm402.gateway.relay;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.shared.Ratio;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.access.TokenDirectory;
import io.llm402.gateway.billing.AllowanceBook;
import io.llm402.gateway.billing.PaymentRequiredException;
import io.llm402.gateway.billing.Reservation;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.metering.PriceCalculator;
import io.llm402.gateway.metering.PriceTerms;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.payment.PaymentDesk;
import io.llm402.gateway.reasoning.ModelSuffix;
import io.llm402.gateway.routing.ChannelRouter;
import io.llm402.gateway.upstream.IdleTimeouts;
import io.llm402.gateway.upstream.Providers;
import io.llm402.gateway.upstream.UpstreamClient;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.upstream.UpstreamResponse;
import io.llm402.gateway.wire.BadRequestException;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.EventStreamResponse;
import io.llm402.gateway.wire.Failure;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.RequestIds;
import io.llm402.gateway.wire.SseEvent;
import io.llm402.gateway.wire.SseReader;
import io.llm402.gateway.wire.StreamMeter;
import io.llm402.gateway.wire.WireFormat;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.catalog.api.ChannelView;
import io.llm402.projections.catalog.api.ModelPriceView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Every relayed API call, end to end, whatever its format: key → token, allow-list, price, reservation of the maximum
 * cost, channel attempts with failover until the first byte reaches the client, relay (streamed as it arrives), usage
 * → charge, and the charge made durable before the response completes. What differs per API lives in its
 * {@link ClientApi}.
 */
public final class RelayEngine {

    private static final Logger log = LoggerFactory.getLogger(RelayEngine.class);
    private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;
    /** Larger bodies are refused before parsing (Anthropic's own limit is 32 MB). */
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** The most output a suffix's reasoning controls can ask for (Gemini's largest budget plus an answer). */
    private static final long REASONING_OUTPUT_CEILING = 32_768;

    private final TokenDirectory tokens;
    private final Catalog catalog;
    private final AllowanceBook book;
    private final ChannelRouter router;
    private final UpstreamClient upstream;
    private final SecretBox secretBox;
    private final TokenEstimator estimator;
    private final IdleTimeouts idleTimeouts;
    private final int retries;
    /** {@code null} when x402 is off: a request without a key is then refused with 401. */
    private final @Nullable X402Checkout x402;
    private final java.util.concurrent.ConcurrentHashMap<String, String> openedKeys =
            new java.util.concurrent.ConcurrentHashMap<>();

    public RelayEngine(TokenDirectory tokens, Catalog catalog, AllowanceBook book, ChannelRouter router,
                       UpstreamClient upstream, SecretBox secretBox, TokenEstimator estimator,
                       IdleTimeouts idleTimeouts, int retries, @Nullable PaymentDesk payments) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.book = book;
        this.router = router;
        this.upstream = upstream;
        this.secretBox = secretBox;
        this.estimator = estimator;
        this.idleTimeouts = idleTimeouts;
        this.retries = retries;
        this.x402 = payments == null ? null : new X402Checkout(payments, book);
    }

    /** The caller's token, or {@code null} after an error was written in the caller's format. */
    public @Nullable ApiTokenView authenticate(WireFormat format, HttpServletRequest request,
                                               HttpServletResponse response) throws IOException {
        String key = format.key(request);
        if (key == null) {
            ClientErrors.write(response, format, Failure.UNAUTHENTICATED, "No API key was provided.",
                    "missing_api_key");
            return null;
        }
        Optional<ApiTokenView> found = tokens.find(key);
        if (found.isEmpty()) {
            ClientErrors.write(response, format, Failure.UNAUTHENTICATED, "Incorrect API key provided.",
                    "invalid_api_key");
            return null;
        }
        ApiTokenView token = found.get();
        if (token.expiresAt() != null && Instant.now().isAfter(token.expiresAt())) {
            ClientErrors.write(response, format, Failure.UNAUTHENTICATED, "This API key expired at "
                    + token.expiresAt() + ".", "api_key_expired");
            return null;
        }
        if (token.disabled()) {
            ClientErrors.write(response, format, Failure.UNAUTHENTICATED, "This API key is disabled.",
                    "api_key_disabled");
            return null;
        }
        if (token.ownerDisabled()) {
            ClientErrors.write(response, format, Failure.FORBIDDEN,
                    "The account this API key belongs to is disabled.", "account_disabled");
            return null;
        }
        return token;
    }

    public void handle(ClientApi api, HttpServletRequest request, HttpServletResponse response,
                       @Nullable String pathModel) throws IOException {
        WireFormat format = api.operation().format();
        String requestId = RequestIds.next();
        response.setHeader(ClientErrors.REQUEST_ID_HEADER, requestId);
        // Without a key, and where x402 is on, the caller may pay for this one request instead.
        boolean paying = x402 != null && format.key(request) == null;
        if (paying && !api.operation().billed()) {
            // x402 pays for billed requests only.
            ClientErrors.write(response, format, Failure.UNAUTHENTICATED, "No API key was provided.",
                    "missing_api_key");
            return;
        }
        ApiTokenView token = paying ? null : authenticate(format, request, response);
        if (token == null && !paying) {
            return;
        }
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (raw.length > MAX_BODY_BYTES) {
            ClientErrors.write(response, format, Failure.TOO_LARGE, "The request body is larger than 32 MB.",
                    "request_too_large");
            return;
        }
        ApiCall parsed;
        try {
            parsed = api.parse(raw, request, pathModel);
        } catch (BadRequestException e) {
            ClientErrors.write(response, format, Failure.MALFORMED, e.getMessage(), e.code());
            return;
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        // A reasoning suffix is stripped before routing; the key may use the model with or without it.
        ModelSuffix.Parsed suffix = ModelSuffix.parse(parsed.model(), snapshot::serves);
        ApiCall call = parsed.routedTo(suffix.model(), suffix.reasoning());
        if (token != null && !token.models().isEmpty() && !token.models().contains(call.model())
                && !token.models().contains(call.routedModel())) {
            ClientErrors.write(response, format, Failure.FORBIDDEN, "This API key may not use the model '"
                    + call.model() + "'.", "model_not_allowed");
            return;
        }
        String group = token != null ? token.effectiveGroup() : x402.group();
        List<ChannelView> candidates = snapshot.channelsFor(call.routedModel(), group);
        List<ChannelView> channels = new ArrayList<>(candidates.size());
        for (ChannelView channel : candidates) {
            if (api.serves(ChannelType.fromWireName(channel.type()))) {
                channels.add(channel);
            }
        }
        if (candidates.isEmpty()) {
            ClientErrors.write(response, format, Failure.NOT_FOUND, "The model '" + call.model()
                    + "' does not exist or you do not have access to it.", "model_not_found");
            return;
        }
        if (channels.isEmpty()) {
            byte[] local = api.answerLocally(call);
            if (local != null) {
                response.setStatus(200);
                response.setContentType("application/json");
                response.setContentLength(local.length);
                response.getOutputStream().write(local);
                return;
            }
            ClientErrors.write(response, format, Failure.MALFORMED, "The model '" + call.model()
                    + "' is not served through this API.", "unsupported_api_for_model");
            return;
        }
        if (!api.operation().billed()) {
            new Attempt(api, call, call.routedModel(), null, snapshot, 0, null, null)
                    .run(response, router.attempts(channels, retries));
            return;
        }
        // Billing rule: the name as requested when it has its own price (o3-mini-high may cost more), else the
        // routed model's price.
        String billedModel = snapshot.price(call.model()) != null ? call.model() : call.routedModel();
        ModelPriceView price = snapshot.price(billedModel);
        if (price == null) {
            ClientErrors.write(response, format, Failure.MALFORMED, "The model '" + call.model()
                    + "' has no price configured.", "model_price_not_set");
            return;
        }
        long groupRatio = snapshot.groupRatioMillionths(group);
        PriceTerms reservationTerms = PriceTerms.resolve(price.priceVersion(), modelPrice(price), null,
                snapshot.globalCacheRatioMillionths(), groupRatio);
        // A reasoning suffix can raise the upstream's output limit (a thinking budget) after parsing: reserve for it.
        long maxOutput = call.reasoning() == null ? call.maxOutputTokens()
                : Math.max(call.maxOutputTokens(), REASONING_OUTPUT_CEILING);
        long maximum = PriceCalculator.maximumCost(call.promptEstimate(), maxOutput, call.maxUnits(),
                reservationTerms, writesHourCache(channels));
        Reservation reservation;
        X402Checkout.Paid paid = null;
        if (token == null) {
            paid = x402.admit(request, response, format, requestId, call.model(), maximum);
            if (paid == null) {
                return;
            }
            reservation = paid.reservation();
        } else {
            try {
                reservation = book.reserve(token.userId(), token.tokenId(), token.limitNanoUsd(), requestId,
                        call.model(), maximum);
            } catch (PaymentRequiredException e) {
                ClientErrors.write(response, format, Failure.PAYMENT_REQUIRED, e.getMessage(), "insufficient_quota");
                return;
            }
        }
        Attempt attempt = new Attempt(api, call, billedModel, price, snapshot, groupRatio, reservation, paid);
        try {
            attempt.run(response, router.attempts(channels, retries));
        } catch (RuntimeException | IOException e) {
            if (!attempt.resolved) {
                try {
                    attempt.voidAndWait("gateway error: " + e.getClass().getSimpleName());
                } catch (RuntimeException voidFailed) {
                    e.addSuppressed(voidFailed);
                }
            }
            throw e;
        }
    }

    /** One request's walk through its channels; {@code resolved} once it was posted or voided. */
    private final class Attempt {
        private final ClientApi api;
        private final ApiCall call;
        private final String billedModel;
        private final @Nullable ModelPriceView price;
        private final CatalogSnapshot snapshot;
        private final long groupRatio;
        /** {@code null} for unbilled calls, and for an x402 payment whose settlement waits for the answer. */
        private @Nullable Reservation reservation;
        private final X402Checkout.@Nullable Paid paid;
        private final WireFormat format;
        private boolean resolved;

        Attempt(ClientApi api, ApiCall call, String billedModel, @Nullable ModelPriceView price,
                CatalogSnapshot snapshot, long groupRatio, @Nullable Reservation reservation,
                X402Checkout.@Nullable Paid paid) {
            this.api = api;
            this.call = call;
            this.billedModel = billedModel;
            this.price = price;
            this.snapshot = snapshot;
            this.groupRatio = groupRatio;
            this.reservation = reservation;
            this.paid = paid;
            this.format = api.operation().format();
        }

        void run(HttpServletResponse response, List<ChannelView> order) throws IOException {
            String lastFailure = "no channel";
            Failure failure = Failure.UPSTREAM;
            String failureMessage = "No upstream channel could serve the request; it was not charged.";
            for (ChannelView channel : order) {
                ChannelType type = ChannelType.fromWireName(channel.type());
                String upstreamModel = channel.modelMapping().getOrDefault(call.routedModel(), call.routedModel());
                String key = openKey(channel.sealedKey());
                UpstreamRequest upstreamRequest;
                try {
                    upstreamRequest = api.upstreamRequest(call, channel, type, upstreamModel, key);
                } catch (ConversionException e) {
                    voidAndWait("request not expressible upstream: " + e.getMessage());
                    ClientErrors.write(response, format, Failure.MALFORMED, e.getMessage(), "unsupported_parameter");
                    return;
                }
                UpstreamResponse answer;
                try {
                    answer = upstream.send(upstreamRequest);
                } catch (java.net.SocketTimeoutException e) {
                    lastFailure = "channel " + channel.name() + ": timeout";
                    failure = Failure.TIMEOUT;
                    failureMessage = "The upstream did not answer in time; the request was not charged.";
                    continue;
                } catch (IOException e) {
                    lastFailure = "channel " + channel.name() + ": " + e.getClass().getSimpleName();
                    continue;
                }
                int status = answer.statusCode();
                if (channelFault(status)) {
                    String message = status == 429 || status >= 500 ? readError(answer, type, channel, key) : null;
                    if (message == null) {
                        answer.body().close();
                    }
                    lastFailure = "channel " + channel.name() + ": HTTP " + status;
                    failure = status == 429 || status >= 500 ? Failure.ofUpstreamStatus(status) : Failure.UPSTREAM;
                    failureMessage = message != null ? message
                            : "No upstream channel could serve the request; it was not charged.";
                    continue;
                }
                if (status >= 400) {
                    String message = readError(answer, type, channel, key);
                    voidAndWait("upstream answered HTTP " + status);
                    ClientErrors.write(response, format, Failure.ofUpstreamStatus(status), status,
                            message != null ? message : "The upstream rejected the request.", "upstream_rejected");
                    return;
                }
                InputStream body = idleTimeouts.watch(answer.body());
                if (call.stream()) {
                    if (!settlePayment(response)) {
                        body.close();
                        return;
                    }
                    relayStream(response, body, channel, type, upstreamModel);
                    return;
                }
                if (relayWhole(response, body, channel, type, upstreamModel)) {
                    return;
                }
                lastFailure = "channel " + channel.name() + ": invalid response";
            }
            log.info("Request {} failed on every channel ({})", response.getHeader(ClientErrors.REQUEST_ID_HEADER),
                    lastFailure);
            voidAndWait("all upstream channels failed: " + lastFailure);
            ClientErrors.write(response, format, failure, failureMessage, failure == Failure.OVERLOADED ? "overloaded"
                    : failure == Failure.TIMEOUT ? "timeout" : "upstream_unavailable");
        }

        /**
         * Failures of the channel rather than of the request: rate limits, server errors, and an upstream that refuses
         * the channel's own key or account (401, 402, 403) or does not know the mapped model (404). Those go to the
         * next channel; their messages never reach the client (they can quote the channel's masked key or account).
         */
        private static boolean channelFault(int status) {
            return status == 429 || status >= 500 || status == 401 || status == 402 || status == 403 || status == 404
                    || status == 408;
        }

        /** The upstream's error message, with its key and address removed: neither may reach the client. */
        private @Nullable String readError(UpstreamResponse answer, ChannelType type, ChannelView channel,
                                           String key) {
            String message;
            try (InputStream in = answer.body()) {
                message = Providers.errorMessage(type, in.readNBytes(MAX_ERROR_BODY_BYTES));
            } catch (IOException e) {
                return null;
            }
            if (message == null) {
                return null;
            }
            String host = URI.create(channel.baseUrl()).getHost();
            String safe = key.isBlank() ? message : message.replace(key, "***");
            return host == null ? safe : safe.replace(host, "upstream");
        }

        private boolean relayWhole(HttpServletResponse response, InputStream in, ChannelView channel,
                                   ChannelType type, String upstreamModel) throws IOException {
            byte[] bytes;
            JsonNode json;
            try (in) {
                bytes = in.readAllBytes();
                json = Json.MAPPER.readTree(bytes);
            } catch (IOException | JacksonException e) {
                return false;
            }
            // Some upstreams answer 200 with an error body; that is a failed attempt, not an answer.
            if (!json.isObject() || json.path("error").isObject()) {
                return false;
            }
            byte[] clientBody = api.clientBody(call, channel, type, bytes, json);
            CanonicalUsage usage = api.usage(json, type);
            if (!settlePayment(response)) {
                return true;
            }
            postAndWait(channel, upstreamModel, usage != null ? usage : estimate(api.outputText(json, type)));
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(clientBody.length);
            response.getOutputStream().write(clientBody);
            return true;
        }

        /** Passes events through as they arrive; holds back the final one until the charge is durable. */
        private void relayStream(HttpServletResponse response, InputStream in, ChannelView channel, ChannelType type,
                                 String upstreamModel) throws IOException {
            StreamMeter meter;
            EventStreamResponse client;
            try {
                meter = api.streamMeter(call, channel, type);
                client = EventStreamResponse.open(response, meter.contentType());
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
            SseReader events = new SseReader(new BufferedInputStream(in, 8192));
            List<byte[]> held = new ArrayList<>(2);
            int delivered = 0;
            boolean clientGone = false;
            boolean upstreamFailed = false;
            try (in) {
                SseEvent event;
                while ((event = events.next()) != null) {
                    StreamMeter.Verdict verdict = meter.inspect(event);
                    if (verdict == StreamMeter.Verdict.DROP) {
                        continue;
                    }
                    byte[] bytes = meter.frame(event);
                    if (verdict == StreamMeter.Verdict.FINAL || !held.isEmpty()) {
                        held.add(bytes);
                        continue;
                    }
                    if (bytes.length == 0) {
                        continue; // a converted stream may have nothing to say for this upstream event
                    }
                    try {
                        client.send(bytes);
                        delivered++;
                    } catch (IOException gone) {
                        clientGone = true;
                        break;
                    }
                }
            } catch (IOException | RuntimeException cut) {
                // A cut upstream, or an event a meter or converter could not handle: charge what was delivered.
                upstreamFailed = true;
                if (cut instanceof RuntimeException) {
                    log.warn("Stream of request {} ended on a bad upstream event: {}",
                            response.getHeader(ClientErrors.REQUEST_ID_HEADER), cut.toString());
                }
            }
            CanonicalUsage reported = meter.usage();
            if (delivered == 0 && !clientGone && held.isEmpty() && reported == null) {
                // An empty stream delivered nothing: an error for the client, nothing to bill (api-formats §14.9).
                voidAndWait("the upstream stream was empty");
                try {
                    client.send(meter.failure("The upstream sent an empty stream; you were not charged."));
                } catch (IOException gone) {
                    // Nothing was delivered and nothing charged.
                }
                return;
            }
            postAndWait(channel, upstreamModel, reported != null ? reported : estimate(meter.outputText()));
            if (clientGone) {
                return;
            }
            try {
                if (!held.isEmpty() && !upstreamFailed) {
                    for (byte[] bytes : held) {
                        client.send(bytes);
                    }
                    byte[] epilogue = meter.epilogue();
                    if (epilogue != null) {
                        client.send(epilogue);
                    }
                } else {
                    client.send(meter.failure("The upstream stream ended before it was complete; you were charged "
                            + "for what was delivered."));
                }
            } catch (IOException gone) {
                // The client left after the last event; the charge stands.
            }
        }

        /**
         * x402: settles the verified payment now that the upstream answered, before anything reaches the client.
         * {@code false} when it did not go through; the refusal was written and nothing is delivered or charged.
         */
        private boolean settlePayment(HttpServletResponse response) throws IOException {
            if (reservation != null || paid == null) {
                return true;
            }
            reservation = paid.settleAndReserve(response, format);
            if (reservation == null) {
                resolved = true;
                return false;
            }
            return true;
        }

        private CanonicalUsage estimate(String outputText) {
            return new CanonicalUsage(call.promptEstimate(), 0, 0, estimator.countText(outputText), 0,
                    UsageBasis.ESTIMATE);
        }

        private void postAndWait(ChannelView channel, String upstreamModel, CanonicalUsage usage) {
            if (reservation == null || price == null) {
                return;
            }
            PriceTerms terms = PriceTerms.resolve(price.priceVersion(), modelPrice(price),
                    channel.promptCacheRatioMillionths(), snapshot.globalCacheRatioMillionths(), groupRatio);
            long amount = PriceCalculator.cost(usage, terms);
            Charge charge = new Charge(call.model(), billedModel, upstreamModel, channel.channelId(), usage,
                    price.priceVersion(), groupRatio, terms.cacheRatioMillionths(), terms.cacheWriteRatioMillionths(),
                    amount, terms.cacheWrite1hRatioMillionths());
            var durable = book.post(reservation, charge);
            resolved = true; // posted: from here on only its durability is awaited
            durable.join();
            if (paid != null) {
                paid.finished(amount);
            }
        }

        void voidAndWait(String reason) {
            resolved = true;
            if (reservation == null) {
                if (paid != null) {
                    paid.notServed(reason);
                }
                return;
            }
            book.voidReservation(reservation, reason).join();
            if (paid != null) {
                paid.finished(0);
            }
        }
    }

    /**
     * Channel keys are opened once, not per request (AES-GCM set-up was measurable on the hot path). The map only grows
     * when a key is replaced; it is dropped whole past a bound that no real channel list reaches.
     */
    private String openKey(String sealedKey) {
        if (openedKeys.size() > 4096) {
            openedKeys.clear();
        }
        return openedKeys.computeIfAbsent(sealedKey, secretBox::open);
    }

    /** Only Anthropic bills one-hour cache writes (at 2× input); the reservation must cover them where they can occur. */
    private static boolean writesHourCache(List<ChannelView> channels) {
        for (ChannelView channel : channels) {
            if (ChannelType.fromWireName(channel.type()) == ChannelType.ANTHROPIC) {
                return true;
            }
        }
        return false;
    }

    private static ModelPrice modelPrice(ModelPriceView view) {
        return new ModelPrice(view.inputNanoUsdPerMTok(), view.outputNanoUsdPerMTok(), view.perCallNanoUsd(),
                view.cacheRatioMillionths() == null ? null : new Ratio(view.cacheRatioMillionths()),
                view.cacheWriteRatioMillionths() == null ? null : new Ratio(view.cacheWriteRatioMillionths()));
    }
}

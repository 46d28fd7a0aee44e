package io.llm402.gateway.openai;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.shared.Ratio;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.access.ApiKeys;
import io.llm402.gateway.access.TokenDirectory;
import io.llm402.gateway.billing.AllowanceBook;
import io.llm402.gateway.billing.BillingProperties;
import io.llm402.gateway.billing.PaymentRequiredException;
import io.llm402.gateway.billing.Reservation;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.metering.OpenAiUsage;
import io.llm402.gateway.metering.PriceCalculator;
import io.llm402.gateway.metering.PriceTerms;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.relay.EventStreamResponse;
import io.llm402.gateway.routing.ChannelRouter;
import io.llm402.gateway.upstream.IdleTimeouts;
import io.llm402.gateway.upstream.UpstreamClient;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.catalog.api.ChannelView;
import io.llm402.projections.catalog.api.ModelPriceView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/chat/completions} end to end: key → token, allow-list, price, reservation of the maximum cost,
 * channel attempts with failover until the first byte reaches the client, relay (streamed as it arrives), usage →
 * charge, and the charge made durable before the response completes.
 */
public final class ChatRelay {

    private static final Logger log = LoggerFactory.getLogger(ChatRelay.class);
    static final String REQUEST_ID_HEADER = "X-LLM402-Request-Id";
    private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;

    private final TokenDirectory tokens;
    private final Catalog catalog;
    private final AllowanceBook book;
    private final ChannelRouter router;
    private final UpstreamClient upstream;
    private final SecretBox secretBox;
    private final TokenEstimator estimator;
    private final BillingProperties billing;
    private final IdleTimeouts idleTimeouts;
    private final int retries;

    public ChatRelay(TokenDirectory tokens, Catalog catalog, AllowanceBook book, ChannelRouter router,
                     UpstreamClient upstream, SecretBox secretBox, TokenEstimator estimator,
                     BillingProperties billing, IdleTimeouts idleTimeouts, int retries) {
        this.idleTimeouts = idleTimeouts;
        this.tokens = tokens;
        this.catalog = catalog;
        this.book = book;
        this.router = router;
        this.upstream = upstream;
        this.secretBox = secretBox;
        this.estimator = estimator;
        this.billing = billing;
        this.retries = retries;
    }

    /** What the request asked for, read once from its body. */
    private record Ask(JsonNode body, String model, boolean stream, boolean clientWantsUsage, long maxOutputTokens) {
    }

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = RequestIds.next();
        response.setHeader(REQUEST_ID_HEADER, requestId);
        String key = ApiKeys.bearer(request);
        if (key == null) {
            OpenAiErrors.write(response, 401, "You didn't provide an API key. Send it as 'Authorization: Bearer "
                    + "<key>'.", "invalid_request_error", "missing_api_key");
            return;
        }
        Optional<ApiTokenView> found = tokens.find(key);
        if (found.isEmpty()) {
            OpenAiErrors.write(response, 401, "Incorrect API key provided.", "invalid_request_error",
                    "invalid_api_key");
            return;
        }
        ApiTokenView token = found.get();
        if (token.expiresAt() != null && Instant.now().isAfter(token.expiresAt())) {
            OpenAiErrors.write(response, 401, "This API key expired at " + token.expiresAt() + ".",
                    "invalid_request_error", "api_key_expired");
            return;
        }
        if (token.disabled()) {
            OpenAiErrors.write(response, 401, "This API key is disabled.", "invalid_request_error",
                    "api_key_disabled");
            return;
        }
        if (token.ownerDisabled()) {
            OpenAiErrors.write(response, 403, "The account this API key belongs to is disabled.",
                    "invalid_request_error", "account_disabled");
            return;
        }
        Ask ask = read(request, response);
        if (ask == null) {
            return;
        }
        if (!token.models().isEmpty() && !token.models().contains(ask.model())) {
            OpenAiErrors.write(response, 403, "This API key may not use the model '" + ask.model() + "'.",
                    "invalid_request_error", "model_not_allowed");
            return;
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        String group = token.effectiveGroup();
        List<ChannelView> channels = snapshot.channelsFor(ask.model(), group);
        ModelPriceView price = snapshot.price(ask.model());
        if (channels.isEmpty()) {
            OpenAiErrors.write(response, 404, "The model '" + ask.model() + "' does not exist or you do not have "
                    + "access to it.", "invalid_request_error", "model_not_found");
            return;
        }
        if (price == null) {
            OpenAiErrors.write(response, 400, "The model '" + ask.model() + "' has no price configured.",
                    "invalid_request_error", "model_price_not_set");
            return;
        }
        long groupRatio = snapshot.groupRatioMillionths(group);
        long promptEstimate = estimator.countChatPrompt(ask.body());
        PriceTerms reservationTerms = PriceTerms.resolve(price.priceVersion(), modelPrice(price), null,
                snapshot.globalCacheRatioMillionths(), groupRatio);
        long maximum = PriceCalculator.maximumCost(promptEstimate, ask.maxOutputTokens(), reservationTerms);
        Reservation reservation;
        try {
            reservation = book.reserve(token.userId(), token.tokenId(), token.limitNanoUsd(), requestId, ask.model(),
                    maximum);
        } catch (PaymentRequiredException e) {
            OpenAiErrors.write(response, 402, e.getMessage(), "insufficient_quota", "insufficient_quota");
            return;
        }
        Attempt attempt = new Attempt(ask, price, snapshot, groupRatio, promptEstimate, reservation);
        try {
            attempt.run(response, router.attempts(channels, retries));
        } catch (RuntimeException | IOException e) {
            if (!attempt.resolved) {
                book.voidReservation(reservation, "gateway error: " + e.getClass().getSimpleName());
            }
            throw e;
        }
    }

    private @Nullable Ask read(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonNode body;
        try {
            body = OpenAiErrors.JSON.readTree(request.getInputStream());
        } catch (JacksonException e) {
            OpenAiErrors.write(response, 400, "The request body is not valid JSON.", "invalid_request_error",
                    "invalid_json");
            return null;
        }
        if (!(body instanceof ObjectNode) || !body.path("model").isString() || body.path("model").asString().isBlank()
                || !body.path("messages").isArray()) {
            OpenAiErrors.write(response, 400, "A chat completion needs 'model' (string) and 'messages' (array).",
                    "invalid_request_error", "invalid_request");
            return null;
        }
        boolean stream = body.path("stream").asBoolean(false);
        long maxOutput = body.path("max_completion_tokens").asLong(body.path("max_tokens").asLong(0));
        return new Ask(body, body.path("model").asString(), stream,
                stream && body.path("stream_options").path("include_usage").asBoolean(false),
                maxOutput > 0 ? maxOutput : billing.defaultMaxOutputTokens());
    }

    /** One request's walk through its channels; {@code resolved} once it was posted or voided. */
    private final class Attempt {
        private final Ask ask;
        private final ModelPriceView price;
        private final CatalogSnapshot snapshot;
        private final long groupRatio;
        private final long promptEstimate;
        private final Reservation reservation;
        private boolean resolved;

        Attempt(Ask ask, ModelPriceView price, CatalogSnapshot snapshot, long groupRatio, long promptEstimate,
                Reservation reservation) {
            this.ask = ask;
            this.price = price;
            this.snapshot = snapshot;
            this.groupRatio = groupRatio;
            this.promptEstimate = promptEstimate;
            this.reservation = reservation;
        }

        void run(HttpServletResponse response, List<ChannelView> order) throws IOException {
            String lastFailure = "no channel";
            for (ChannelView channel : order) {
                String upstreamModel = channel.modelMapping().getOrDefault(ask.model(), ask.model());
                byte[] upstreamBody = upstreamBody(upstreamModel);
                String key = secretBox.open(channel.sealedKey());
                HttpResponse<InputStream> answer;
                try {
                    answer = upstream.postJson(URI.create(channel.baseUrl() + "/v1/chat/completions"), key,
                            upstreamBody);
                } catch (IOException e) {
                    lastFailure = "channel " + channel.name() + ": " + e.getClass().getSimpleName();
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                int status = answer.statusCode();
                if (status == 429 || status >= 500) {
                    answer.body().close();
                    lastFailure = "channel " + channel.name() + ": HTTP " + status;
                    continue;
                }
                if (status >= 400) {
                    relayClientError(response, answer, status, channel, key);
                    return;
                }
                InputStream body = idleTimeouts.watch(answer.body());
                if (ask.stream()) {
                    new StreamRelay(response, body, channel, upstreamModel).run();
                    return;
                }
                if (relayWhole(response, body, channel, upstreamModel)) {
                    return;
                }
                lastFailure = "channel " + channel.name() + ": invalid response";
            }
            log.info("Request {} failed on every channel ({})", reservation.requestId(), lastFailure);
            voidAndWait("all upstream channels failed: " + lastFailure);
            OpenAiErrors.write(response, 502, "No upstream channel could serve the request; it was not charged.",
                    "upstream_error", "upstream_unavailable");
        }

        private byte[] upstreamBody(String upstreamModel) {
            ObjectNode body = ((ObjectNode) ask.body()).deepCopy();
            body.put("model", upstreamModel);
            if (ask.stream() && !ask.clientWantsUsage()) {
                // The charge needs the upstream's usage; the extra chunk is filtered out for this client.
                body.putObject("stream_options").put("include_usage", true);
            }
            return OpenAiErrors.JSON.writeValueAsBytes(body);
        }

        private boolean relayWhole(HttpServletResponse response, InputStream in, ChannelView channel,
                                   String upstreamModel) throws IOException {
            byte[] bytes;
            JsonNode json;
            try (in) {
                bytes = in.readAllBytes();
                json = OpenAiErrors.JSON.readTree(bytes);
            } catch (IOException | JacksonException e) {
                return false;
            }
            if (!json.isObject()) {
                return false;
            }
            CanonicalUsage usage = OpenAiUsage.fromUsageNode(json.get("usage"));
            if (usage == null) {
                usage = estimate(json.path("choices").path(0).path("message").path("content").asString(""));
            }
            postAndWait(channel, upstreamModel, usage);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            return true;
        }

        private void relayClientError(HttpServletResponse response, HttpResponse<InputStream> answer, int status,
                                      ChannelView channel, String key) throws IOException {
            String message;
            try (InputStream in = answer.body()) {
                JsonNode error = OpenAiErrors.JSON.readTree(in.readNBytes(MAX_ERROR_BODY_BYTES));
                message = error.path("error").path("message").asString("upstream rejected the request");
            } catch (IOException | JacksonException e) {
                message = "upstream rejected the request";
            }
            voidAndWait("upstream answered HTTP " + status);
            // Upstream messages may quote the key or the upstream address; neither may reach the client.
            String safe = message.replace(key, "***").replace(URI.create(channel.baseUrl()).getHost(), "upstream");
            OpenAiErrors.write(response, status, safe, "invalid_request_error", "upstream_rejected");
        }

        private CanonicalUsage estimate(String outputText) {
            return new CanonicalUsage(promptEstimate, 0, 0, estimator.countText(outputText), 0, UsageBasis.ESTIMATE);
        }

        private void postAndWait(ChannelView channel, String upstreamModel, CanonicalUsage usage) {
            PriceTerms terms = PriceTerms.resolve(price.priceVersion(), modelPrice(price),
                    channel.promptCacheRatioMillionths(), snapshot.globalCacheRatioMillionths(), groupRatio);
            long amount = PriceCalculator.cost(usage, terms);
            Charge charge = new Charge(ask.model(), ask.model(), upstreamModel, channel.channelId(), usage,
                    price.priceVersion(), groupRatio, terms.cacheRatioMillionths(), terms.cacheWriteRatioMillionths(),
                    amount);
            resolved = true;
            book.post(reservation, charge).join();
        }

        private void voidAndWait(String reason) {
            resolved = true;
            book.voidReservation(reservation, reason).join();
        }

        /** Passes SSE events through as they arrive; holds back {@code [DONE]} until the charge is durable. */
        private final class StreamRelay {
            private final HttpServletResponse response;
            private final InputStream in;
            private final ChannelView channel;
            private final String upstreamModel;
            private final StringBuilder output = new StringBuilder();
            private @Nullable CanonicalUsage usage;

            StreamRelay(HttpServletResponse response, InputStream in, ChannelView channel, String upstreamModel) {
                this.response = response;
                this.in = in;
                this.channel = channel;
                this.upstreamModel = upstreamModel;
            }

            void run() throws IOException {
                EventStreamResponse client = EventStreamResponse.open(response);
                SseReader events = new SseReader(new java.io.BufferedInputStream(in, 8192));
                boolean done = false;
                boolean clientGone = false;
                boolean upstreamFailed = false;
                try (in) {
                    String data;
                    while ((data = events.nextData()) != null) {
                        if (data.equals("[DONE]")) {
                            done = true;
                            break;
                        }
                        if (!inspect(data)) {
                            continue;
                        }
                        try {
                            client.send(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                        } catch (IOException gone) {
                            clientGone = true;
                            break;
                        }
                    }
                } catch (IOException cut) {
                    upstreamFailed = true;
                }
                CanonicalUsage charged = usage != null ? usage : estimate(output.toString());
                postAndWait(channel, upstreamModel, charged);
                if (clientGone) {
                    return;
                }
                try {
                    if (done && !upstreamFailed) {
                        client.send("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        client.send(OpenAiErrors.streamEvent("The upstream stream ended before it was complete; "
                                + "you were charged for what was delivered.", "upstream_error", "stream_interrupted"));
                    }
                } catch (IOException gone) {
                    // The client left after the last chunk; the charge stands.
                }
            }

            /** Notes usage and output text; answers whether the event goes to the client. */
            private boolean inspect(String data) {
                JsonNode chunk;
                try {
                    chunk = OpenAiErrors.JSON.readTree(data);
                } catch (JacksonException e) {
                    return true;
                }
                JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
                if (content.isString()) {
                    output.append(content.asString());
                }
                CanonicalUsage reported = OpenAiUsage.fromUsageNode(chunk.get("usage"));
                if (reported != null) {
                    usage = reported;
                    boolean usageOnly = chunk.path("choices").isArray() && chunk.path("choices").isEmpty();
                    return !usageOnly || ask.clientWantsUsage();
                }
                return true;
            }
        }
    }

    private static ModelPrice modelPrice(ModelPriceView view) {
        return new ModelPrice(view.inputNanoUsdPerMTok(), view.outputNanoUsdPerMTok(), view.perCallNanoUsd(),
                view.cacheRatioMillionths() == null ? null : new Ratio(view.cacheRatioMillionths()),
                view.cacheWriteRatioMillionths() == null ? null : new Ratio(view.cacheWriteRatioMillionths()));
    }
}

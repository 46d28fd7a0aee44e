package io.llm402.gateway.x402;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client for an x402 facilitator: {@code POST /verify}, {@code POST /settle} (both with
 * {@code {x402Version, paymentPayload, paymentRequirements}}) and {@code GET /supported}.
 *
 * <p>A refusal is an answer, not an error: a non-2xx status whose JSON carries {@code isValid} / {@code success} is
 * returned as the (failed) response, as the reference client does. Everything else that is not a readable answer
 * (transport failure, timeout, another status, an unreadable body) is a {@link FacilitatorException}, whose message
 * names the operation and the failure only: the URL may embed a token and the auth header is a credential.
 */
public final class FacilitatorClient implements AutoCloseable {

    /** How often {@code /supported} is retried when rate-limited (429), and the longest Retry-After honoured. */
    private static final int SUPPORTED_RETRIES = 3;
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(2);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofMillis(500);

    private final String baseUrl;
    private final @Nullable String authHeaderName;
    private final @Nullable String authHeaderValue;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json = X402Codec.json();

    /**
     * @param baseUrl         the facilitator's base, e.g. {@code https://x402.org/facilitator}; endpoints are appended
     * @param authHeaderName  a header sent with every call (e.g. {@code Authorization}), or null for none
     * @param authHeaderValue its value, e.g. {@code Bearer …}
     * @param timeout         for a whole call, connection included (settle waits for an on-chain receipt: allow for it)
     */
    public FacilitatorClient(URI baseUrl, @Nullable String authHeaderName, @Nullable String authHeaderValue,
                             Duration timeout) {
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authHeaderName = authHeaderName;
        this.authHeaderValue = authHeaderValue;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Verifies the payment. A verification changes nothing at the facilitator, so a connection that failed (a pooled
     * one the facilitator had just closed) is tried once more on a new one.
     */
    public VerifyResponse verify(PaymentPayload payload, PaymentRequirements requirements)
            throws FacilitatorException {
        HttpResponse<String> response;
        try {
            response = send("verify", post("verify", body(payload, requirements)));
        } catch (FacilitatorException e) {
            if (!(e.getCause() instanceof IOException)) {
                throw e;
            }
            response = send("verify", post("verify", body(payload, requirements)));
        }
        return answer("verify", response, "isValid", VerifyResponse.class);
    }

    /**
     * Settles the payment. When the facilitator reports {@code settlement_pending} (broadcast, receipt not seen yet),
     * the same request is sent exactly once more: the facilitator reconciles the already-broadcast transaction
     * instead of sending a new one. If it is still pending, that answer is returned as is, and the caller must treat
     * the payment as not settled yet, never ask for a new one (that would charge the client twice).
     */
    public SettlementResponse settle(PaymentPayload payload, PaymentRequirements requirements)
            throws FacilitatorException {
        HttpRequest request = post("settle", body(payload, requirements));
        SettlementResponse first = answer("settle", send("settle", request), "success", SettlementResponse.class);
        if (!first.pending()) {
            return first;
        }
        return answer("settle", send("settle", request), "success", SettlementResponse.class);
    }

    /** The kinds the facilitator supports; retried a few times when it answers 429. */
    public SupportedResponse supported() throws FacilitatorException {
        HttpRequest request = authorised(HttpRequest.newBuilder(endpoint("supported")))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = send("supported", request);
            if (response.statusCode() == 429 && attempt < SUPPORTED_RETRIES) {
                pause(retryAfter(response));
                continue;
            }
            if (response.statusCode() == 429) {
                throw new FacilitatorException("supported: the facilitator is rate-limiting us (HTTP 429)");
            }
            if (!successful(response)) {
                throw new FacilitatorException("supported: the facilitator answered HTTP " + response.statusCode());
            }
            JsonNode tree = tree(response.body());
            if (tree == null || !tree.isObject()) {
                throw new FacilitatorException("supported: the facilitator's answer is not JSON");
            }
            return read("supported", tree, SupportedResponse.class);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private Map<String, Object> body(PaymentPayload payload, PaymentRequirements requirements) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("x402Version", X402Codec.X402_VERSION);
        body.put("paymentPayload", payload);
        body.put("paymentRequirements", requirements);
        return body;
    }

    private HttpRequest post(String operation, Map<String, Object> body) {
        return authorised(HttpRequest.newBuilder(endpoint(operation)))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder builder) {
        if (authHeaderName != null && authHeaderValue != null) {
            builder.header(authHeaderName, authHeaderValue);
        }
        return builder;
    }

    private URI endpoint(String path) {
        return URI.create(baseUrl + "/" + path);
    }

    /**
     * One exchange under one deadline for the whole of it (the request timeout alone stops at the response headers;
     * a facilitator that then stalls the body must not hold the request thread).
     */
    private HttpResponse<String> send(String operation, HttpRequest request) throws FacilitatorException {
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FacilitatorException(operation + ": the facilitator did not answer in time");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof HttpTimeoutException) {
                throw new FacilitatorException(operation + ": the facilitator did not answer in time");
            }
            if (cause instanceof IOException) {
                throw new FacilitatorException(operation + ": the facilitator is unreachable", cause);
            }
            throw new FacilitatorException(operation + ": the call to the facilitator failed", cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FacilitatorException(operation + ": interrupted while waiting for the facilitator", e);
        }
    }

    /**
     * The answer is the message whatever the status, provided it carries the message's marker field
     * ({@code isValid} / {@code success}): facilitators refuse with 4xx bodies. Without it, it is not an answer.
     */
    private <T> T answer(String operation, HttpResponse<String> response, String marker, Class<T> type)
            throws FacilitatorException {
        JsonNode tree = tree(response.body());
        if (tree == null || !tree.isObject() || !tree.has(marker)) {
            throw new FacilitatorException(successful(response)
                    ? operation + ": the facilitator's answer is not a " + type.getSimpleName()
                    : operation + ": the facilitator answered HTTP " + response.statusCode());
        }
        return read(operation, tree, type);
    }

    private <T> T read(String operation, JsonNode tree, Class<T> type) throws FacilitatorException {
        try {
            return json.treeToValue(tree, type);
        } catch (RuntimeException e) {
            throw new FacilitatorException(operation + ": the facilitator's answer is not a valid "
                    + type.getSimpleName(), e);
        }
    }

    private @Nullable JsonNode tree(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean successful(HttpResponse<?> response) {
        return response.statusCode() / 100 == 2;
    }

    /** Retry-After in seconds (an HTTP date or garbage gets the default), capped: this runs at start-up. */
    private static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        Duration wait = DEFAULT_RETRY_AFTER;
        if (header.isPresent()) {
            try {
                wait = Duration.ofSeconds(Math.max(0, Long.parseLong(header.get().strip())));
            } catch (NumberFormatException e) {
                // an HTTP date: not worth parsing for a wait this short
            }
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    private static void pause(Duration duration) throws FacilitatorException {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FacilitatorException("supported: interrupted while waiting to retry", e);
        }
    }
}

package io.llm402.gateway.payment;

import io.llm402.domain.payment.api.PaymentPurpose;
import io.llm402.domain.shared.NanoUsd;
import io.llm402.gateway.access.ApiKeys;
import io.llm402.gateway.access.TokenDirectory;
import io.llm402.gateway.x402.PaymentRequirements;
import io.llm402.gateway.x402.SettlementResponse;
import io.llm402.gateway.x402.X402Codec;
import io.llm402.projections.access.api.ApiTokenView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Buys balance with x402: {@code POST /api/x402/topup} with {@code {"amount_usd": "5.00"}} and the account's API key.
 * The first call answers 402 with terms for exactly that amount; the paid retry is checked and claimed, settled on
 * chain, and deposited into the key owner's wallet before the 200 (with {@code PAYMENT-RESPONSE}) is sent.
 */
@RestController
class TopUpController {

    private final ObjectProvider<PaymentDesk> desks;
    private final TokenDirectory tokens;
    private final X402Properties properties;

    TopUpController(ObjectProvider<PaymentDesk> desks, TokenDirectory tokens, X402Properties properties) {
        this.desks = desks;
        this.tokens = tokens;
        this.properties = properties;
    }

    @PostMapping("/api/x402/topup")
    void topUp(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PaymentDesk desk = desks.getIfAvailable();
        if (desk == null) {
            error(response, 404, "x402 payments are not enabled on this gateway.", "x402_disabled");
            return;
        }
        Optional<ApiTokenView> token = token(request);
        if (token.isEmpty()) {
            error(response, 401, "A top-up needs the account's API key (Authorization: Bearer).", "invalid_api_key");
            return;
        }
        long nanoUsd;
        PaymentRequirements terms;
        try {
            nanoUsd = amount(request.getInputStream().readNBytes(4096));
            terms = desk.terms().forExactly(nanoUsd);
        } catch (IllegalArgumentException e) {
            error(response, 400, e.getMessage(), "invalid_amount");
            return;
        }
        String resource = desk.resourceUrl(request.getRequestURL().toString(), request.getRequestURI());
        String topUpId = "topup_" + UUID.randomUUID();
        String header = request.getHeader(X402Codec.PAYMENT_SIGNATURE);
        if (header == null || header.isBlank()) {
            askToPay(desk, response, topUpId, resource, terms, "Payment required",
                    "Pay $" + NanoUsd.toUsdString(nanoUsd) + " with x402 (the PAYMENT-REQUIRED header) to top up.");
            return;
        }
        PaymentDesk.Admission admission = desk.admit(header, terms, PaymentPurpose.TOP_UP, topUpId,
                token.get().userId());
        PaymentDesk.Claim claim = admission.claim();
        if (claim == null) {
            askToPay(desk, response, topUpId, resource, terms, String.valueOf(admission.refusal()),
                    admission.message());
            return;
        }
        PaymentDesk.Outcome outcome = desk.settle(claim);
        if (outcome.unavailable()) {
            error(response, 502, "The payment's settlement could not be confirmed. Do not pay again for it: if the "
                    + "transfer completes on chain, the operator reconciles it.", "payment_settlement_unknown");
            return;
        }
        if (!outcome.success() || outcome.settlement() == null) {
            SettlementResponse failed = outcome.settlement() != null ? outcome.settlement()
                    : new SettlementResponse(false, outcome.reason(), null, claim.payer(), "", terms.network(), null);
            response.setHeader(X402Codec.PAYMENT_RESPONSE, X402Codec.encode(failed));
            response.setHeader("Cache-Control", "no-store");
            error(response, 402, "The payment could not be settled (" + outcome.reason() + "); nothing was added.",
                    "payment_failed");
            return;
        }
        SettlementResponse settled = outcome.settlement();
        // The settled event's processor deposits it too, should this fail; the error then says so.
        desk.deposit(claim);
        response.setHeader(X402Codec.PAYMENT_RESPONSE, X402Codec.encode(settled));
        response.setHeader("Cache-Control", "private");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "x402_top_up");
        body.put("id", topUpId);
        body.put("payment_id", claim.paymentId());
        body.put("amount_usd", NanoUsd.toUsdString(nanoUsd));
        body.put("amount_nano_usd", nanoUsd);
        body.put("payer", claim.payer());
        body.put("network", settled.network());
        body.put("transaction", settled.transaction());
        body.put("settled_at", Instant.now().toString());
        write(response, 200, body);
    }

    private long amount(byte[] raw) {
        JsonNode json;
        try {
            json = X402Codec.json().readTree(raw);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The body must be JSON: {\"amount_usd\": \"5.00\"}.");
        }
        JsonNode amount = json == null ? null : json.get("amount_usd");
        if (amount == null || !(amount.isString() || amount.isNumber())) {
            throw new IllegalArgumentException("amount_usd is required, e.g. {\"amount_usd\": \"5.00\"}.");
        }
        BigDecimal usd;
        try {
            usd = new BigDecimal(amount.isString() ? amount.stringValue() : amount.asString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount_usd is not a number.");
        }
        if (usd.signum() <= 0 || usd.compareTo(properties.topUpMaxUsd()) > 0) {
            throw new IllegalArgumentException("amount_usd must be above 0 and at most "
                    + properties.topUpMaxUsd().toPlainString() + ".");
        }
        if (usd.stripTrailingZeros().scale() > properties.assetDecimals()) {
            throw new IllegalArgumentException("amount_usd has more decimal places than the token ("
                    + properties.assetDecimals() + ").");
        }
        return NanoUsd.fromUsd(usd);
    }

    private static void askToPay(PaymentDesk desk, HttpServletResponse response, String id, String resource,
                                 PaymentRequirements terms, String error, String message) throws IOException {
        desk.recordRequired(id, resource, terms, error);
        response.setHeader(X402Codec.PAYMENT_REQUIRED,
                X402Codec.encode(desk.paymentRequired(resource, "LLM402 balance top-up", terms, error)));
        response.setHeader("Cache-Control", "no-store");
        error(response, 402, message, "payment_required");
    }

    private Optional<ApiTokenView> token(HttpServletRequest request) {
        String key = ApiKeys.bearer(request);
        if (key == null) {
            return Optional.empty();
        }
        return tokens.findUsable(key);
    }

    private static void error(HttpServletResponse response, int status, @Nullable String message, String code)
            throws IOException {
        Map<String, @Nullable Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", status == 402 ? "insufficient_quota" : "invalid_request_error");
        error.put("param", null);
        error.put("code", code);
        write(response, status, Map.of("error", error));
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = X402Codec.json().writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}

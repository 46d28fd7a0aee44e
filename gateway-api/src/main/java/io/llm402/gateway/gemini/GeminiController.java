package io.llm402.gateway.gemini;

import io.llm402.gateway.billing.BillingProperties;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.relay.RelayEngine;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.Failure;
import io.llm402.gateway.wire.WireFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1beta/models/{model}:{action}} (and the same under {@code /v1/}). */
@RestController
class GeminiController {

    private final RelayEngine relay;
    private final Map<GeminiApi.Action, GeminiApi> apis = new EnumMap<>(GeminiApi.Action.class);

    GeminiController(RelayEngine relay, BillingProperties billing) {
        this.relay = relay;
        for (GeminiApi.Action action : GeminiApi.Action.values()) {
            apis.put(action, new GeminiApi(action, TokenEstimator.instance(), billing.defaultMaxOutputTokens()));
        }
    }

    @PostMapping({"/v1beta/models/{target}", "/v1/models/{target}"})
    void call(@PathVariable String target, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int colon = target.lastIndexOf(':');
        GeminiApi.Action action = colon < 0 ? null : GeminiApi.Action.of(target.substring(colon + 1));
        if (action == null) {
            ClientErrors.write(response, WireFormat.GEMINI, Failure.NOT_FOUND, "Unknown method '"
                    + ClientErrors.quote(target) + "'; expected {model}:generateContent, :streamGenerateContent, :countTokens, :embedContent or "
                    + ":batchEmbedContents.", null);
            return;
        }
        relay.handle(apis.get(action), request, response, target.substring(0, colon));
    }

    /** Any other path under Gemini's prefix: a 404 in Gemini's own shape, not the framework's error page. */
    @RequestMapping("/v1beta/**")
    void unknown(HttpServletResponse response) throws IOException {
        ClientErrors.write(response, WireFormat.GEMINI, Failure.NOT_FOUND, "Unknown path; expected "
                + "/v1beta/models/{model}:generateContent (or :streamGenerateContent, :countTokens, :embedContent, "
                + ":batchEmbedContents) or /v1beta/models.", null);
    }
}

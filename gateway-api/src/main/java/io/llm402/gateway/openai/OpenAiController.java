package io.llm402.gateway.openai;

import io.llm402.gateway.billing.BillingProperties;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.relay.RelayEngine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAI-format relay routes (api-formats §1.3): Chat Completions, Completions, Responses, Embeddings. */
@RestController
class OpenAiController {

    private final RelayEngine relay;
    private final ChatCompletionsApi chat;
    private final ChatCompletionsApi completions;
    private final ResponsesApi responses;
    private final EmbeddingsApi embeddings;

    OpenAiController(RelayEngine relay, BillingProperties billing) {
        TokenEstimator estimator = TokenEstimator.instance();
        this.relay = relay;
        this.chat = new ChatCompletionsApi(false, estimator, billing.defaultMaxOutputTokens());
        this.completions = new ChatCompletionsApi(true, estimator, billing.defaultMaxOutputTokens());
        this.responses = new ResponsesApi(estimator, billing.defaultMaxOutputTokens());
        this.embeddings = new EmbeddingsApi(estimator);
    }

    @PostMapping("/v1/chat/completions")
    void chatCompletions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        relay.handle(chat, request, response, null);
    }

    @PostMapping("/v1/completions")
    void completions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        relay.handle(completions, request, response, null);
    }

    @PostMapping("/v1/responses")
    void responses(HttpServletRequest request, HttpServletResponse response) throws IOException {
        relay.handle(responses, request, response, null);
    }

    @PostMapping("/v1/embeddings")
    void embeddings(HttpServletRequest request, HttpServletResponse response) throws IOException {
        relay.handle(embeddings, request, response, null);
    }
}

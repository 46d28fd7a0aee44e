package io.llm402.gateway.anthropic;

import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.relay.RelayEngine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens}, with or without {@code ?beta=true}. */
@RestController
class MessagesController {

    private final RelayEngine relay;
    private final MessagesApi messages;
    private final MessagesApi countTokens;

    MessagesController(RelayEngine relay) {
        this.relay = relay;
        this.messages = new MessagesApi(false, TokenEstimator.instance());
        this.countTokens = new MessagesApi(true, TokenEstimator.instance());
    }

    @PostMapping("/v1/messages")
    void messages(HttpServletRequest request, HttpServletResponse response) throws IOException {
        relay.handle(messages, request, response, null);
    }

    @PostMapping("/v1/messages/count_tokens")
    void countTokens(HttpServletRequest request, HttpServletResponse response) throws IOException {
        relay.handle(countTokens, request, response, null);
    }
}

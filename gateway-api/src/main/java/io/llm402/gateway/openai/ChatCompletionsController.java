package io.llm402.gateway.openai;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** OpenAI Chat Completions, non-streaming and streaming. */
@RestController
class ChatCompletionsController {

    private final ChatRelay relay;

    ChatCompletionsController(ChatRelay relay) {
        this.relay = relay;
    }

    @PostMapping("/v1/chat/completions")
    void chatCompletions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        relay.handle(request, response);
    }
}

package io.llm402.gateway.rerank;

import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.relay.RelayEngine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/rerank} and {@code POST /v2/rerank}. */
@RestController
class RerankController {

    private final RelayEngine relay;
    private final RerankApi v1;
    private final RerankApi v2;

    RerankController(RelayEngine relay) {
        this.relay = relay;
        this.v1 = new RerankApi(false, TokenEstimator.instance());
        this.v2 = new RerankApi(true, TokenEstimator.instance());
    }

    @PostMapping("/v1/rerank")
    void rerankV1(HttpServletRequest request, HttpServletResponse response) throws IOException {
        relay.handle(v1, request, response, null);
    }

    @PostMapping("/v2/rerank")
    void rerankV2(HttpServletRequest request, HttpServletResponse response) throws IOException {
        relay.handle(v2, request, response, null);
    }
}

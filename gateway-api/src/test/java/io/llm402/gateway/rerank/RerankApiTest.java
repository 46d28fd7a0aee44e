package io.llm402.gateway.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.relay.ApiCall;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.wire.BadRequestException;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.projections.catalog.api.ChannelView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/** TV-13: a Cohere v2 upstream behind {@code /v1/rerank}. */
class RerankApiTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final ChannelView COHERE = new ChannelView("c-1", "cohere", "cohere", "https://api.cohere.com",
            List.of(new ChannelKey("fp", "sealed")), KeySelection.RANDOM, List.of("rerank-v3.5"), Map.of(), List.of("default"), 0, 1, null, false, null, true);

    private final RerankApi v1 = new RerankApi(false, TokenEstimator.instance());
    private final RerankApi v2 = new RerankApi(true, TokenEstimator.instance());

    @Test
    void tv13() throws BadRequestException {
        ApiCall call = v1.parse(bytes("""
                {"model": "rerank-v3.5", "query": "q", "documents": ["d0", {"text": "d1"}, "d2"], "top_n": 2,
                 "return_documents": true}"""), new MockHttpServletRequest(), null);
        UpstreamRequest upstream = v1.upstreamRequest(call, COHERE, ChannelType.COHERE, "rerank-v3.5", "co-key");
        assertThat(upstream.uri()).hasToString("https://api.cohere.com/v2/rerank");
        assertThat(JSON.readTree(upstream.body())).isEqualTo(JSON.readTree("""
                {"model": "rerank-v3.5", "query": "q", "documents": ["d0", "d1", "d2"], "top_n": 2}"""));
        byte[] answer = bytes("""
                {"id": "r1", "results": [{"index": 2, "relevance_score": 0.9}, {"index": 0, "relevance_score": 0.3}],
                 "meta": {"api_version": {"version": "2"}, "billed_units": {"search_units": 1}}}""");
        assertThat(JSON.readTree(v1.clientBody(call, COHERE, ChannelType.COHERE, answer, JSON.readTree(answer))))
                .isEqualTo(JSON.readTree("""
                        {"id": "r1", "model": "rerank-v3.5", "results": [
                          {"index": 2, "relevance_score": 0.9, "document": {"text": "d2"}},
                          {"index": 0, "relevance_score": 0.3, "document": {"text": "d0"}}],
                         "meta": {"billed_units": {"search_units": 1}}}"""));
    }

    @Test
    void v2AnswersInCohereV2ShapeEvenFromJina() throws BadRequestException {
        ApiCall call = v2.parse(bytes("{\"model\":\"j\",\"query\":\"q\",\"documents\":[\"a\",\"b\"]}"),
                new MockHttpServletRequest(), null);
        byte[] answer = bytes("""
                {"model": "j", "usage": {"total_tokens": 815},
                 "results": [{"index": 1, "relevance_score": 0.8, "document": {"text": "b"}}]}""");
        assertThat(JSON.readTree(v2.clientBody(call, COHERE, ChannelType.JINA, answer, JSON.readTree(answer))))
                .isEqualTo(JSON.readTree("""
                        {"results": [{"index": 1, "relevance_score": 0.8}], "meta": {"api_version": {"version": "2"}}}
                        """));
    }

    @Test
    void reservesOneSearchUnitPerHundredDocuments() throws BadRequestException {
        StringBuilder documents = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            documents.append(i == 0 ? "" : ",").append("\"d").append(i).append('"');
        }
        ApiCall call = v2.parse(bytes("{\"model\":\"r\",\"query\":\"q\",\"documents\":[" + documents + "]}"),
                new MockHttpServletRequest(), null);
        assertThat(call.maxUnits()).isEqualTo(3);
    }

    @Test
    void v2RefusesDocumentObjects() {
        assertThatThrownBy(() -> v2.parse(bytes("{\"model\":\"r\",\"query\":\"q\",\"documents\":[{\"text\":\"d\"}]}"),
                new MockHttpServletRequest(), null)).isInstanceOf(BadRequestException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.llm402.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.relay.ApiCall;
import io.llm402.gateway.wire.BadRequestException;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.projections.catalog.api.ChannelView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** TV-14: float32 little-endian, base64; done by the gateway only for upstreams that do not do it themselves. */
class EmbeddingsApiTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final ChannelView CHANNEL = new ChannelView("c-1", "c", "jina", "https://api.jina.ai", List.of(new ChannelKey("fp", "sealed")), KeySelection.RANDOM,
            List.of("e"), Map.of(), List.of("default"), 0, 1, null, false, null, true);
    private final EmbeddingsApi api = new EmbeddingsApi(TokenEstimator.instance());

    @Test
    void vectorsEncodeAsOpenAiDoes() {
        assertThat(EmbeddingsApi.base64(JSON.readTree("[0.5, 0.25, -1.0]"))).isEqualTo("AAAAPwAAgD4AAIC/");
        assertThat(EmbeddingsApi.base64(JSON.readTree("[1.0, -2.0]"))).isEqualTo("AACAPwAAAMA=");
    }

    @Test
    void aJinaAnswerIsEncodedForABase64ClientAndTheUpstreamIsAskedForFloats() throws BadRequestException {
        ApiCall call = call("{\"model\":\"e\",\"input\":[\"a\"],\"encoding_format\":\"base64\"}");
        byte[] answer = bytes("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.5,0.25,-1.0]}],\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}");
        JsonNode client = JSON.readTree(api.clientBody(call, CHANNEL, ChannelType.JINA, answer, JSON.readTree(answer)));
        assertThat(client.at("/data/0/embedding").asString()).isEqualTo("AAAAPwAAgD4AAIC/");
        assertThat(client.at("/usage/prompt_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void openAiEncodesItselfSoItsAnswerPassesUnchanged() throws BadRequestException {
        ApiCall call = call("{\"model\":\"e\",\"input\":\"a\",\"encoding_format\":\"base64\"}");
        byte[] answer = bytes("{\"data\":[{\"embedding\":\"AACAPwAAAMA=\"}]}");
        assertThat(api.clientBody(call, CHANNEL, ChannelType.OPENAI, answer, JSON.readTree(answer))).isSameAs(answer);
    }

    @Test
    void withoutAnEncodingFloatsPassThrough() throws BadRequestException {
        ApiCall call = call("{\"model\":\"e\",\"input\":\"a\"}");
        byte[] answer = bytes("{\"data\":[{\"embedding\":[1.0,-2.0]}]}");
        assertThat(api.clientBody(call, CHANNEL, ChannelType.JINA, answer, JSON.readTree(answer))).isSameAs(answer);
    }

    private ApiCall call(String body) throws BadRequestException {
        return api.parse(bytes(body), new MockHttpServletRequest(), null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

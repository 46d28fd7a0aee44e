package io.llm402.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelView;
import io.llm402.projections.catalog.api.ModelPriceView;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** The stream hold-back: nothing reaches the client before the first real event, the last waits for the charge. */
class StreamRelayTest {

    private static final ChannelView CHANNEL = RelayFakes.CHANNEL;
    private static final String ROLE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n";
    private static final String TEXT = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n";
    private static final String USAGE = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":10,"
            + "\"completion_tokens\":2,\"total_tokens\":12}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private String sentWhenCharged = "";
    private final RelayFakes.RecordingPayer payer = new RelayFakes.RecordingPayer(charge -> {
        try {
            sentWhenCharged = response.getContentAsString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    });
    private final StreamRelay relay = new StreamRelay();

    @Test
    void anErrorEventBeforeTheFirstEventFailsOverAndNothingReachesTheClient() throws IOException {
        boolean done = relay.deliver(exchange(), CHANNEL, ChannelType.OPENAI, "m",
                stream("data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n"), response);

        assertThat(done).isFalse();
        assertNothingReachedTheClient();
    }

    @Test
    void aStreamThatEndsBeforeItsFirstEventFailsOver() throws IOException {
        assertThat(relay.deliver(exchange(), CHANNEL, ChannelType.OPENAI, "m", stream(""), response)).isFalse();
        assertThat(relay.deliver(exchange(), CHANNEL, ChannelType.OPENAI, "m", stream(USAGE + DONE), response))
                .as("a usage chunk the client did not ask for, then the end, is no content").isFalse();
        assertNothingReachedTheClient();
    }

    @Test
    void anUpstreamCutBeforeItsFirstEventFailsOver() throws IOException {
        assertThat(relay.deliver(exchange(), CHANNEL, ChannelType.OPENAI, "m", cutAfter(""), response)).isFalse();
        assertNothingReachedTheClient();
    }

    @Test
    void theFinalEventIsSentOnlyOnceTheChargeIsDurable() throws IOException {
        boolean done = relay.deliver(exchange(), CHANNEL, ChannelType.OPENAI, "m",
                stream(ROLE + TEXT + USAGE + DONE), response);

        assertThat(done).isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(sentWhenCharged).contains("\"content\":\"hi\"").doesNotContain("[DONE]");
        assertThat(response.getContentAsString()).endsWith(DONE).doesNotContain("\"usage\"");
        assertThat(payer.charges).singleElement()
                .satisfies(charge -> assertThat(charge.usage().basis()).isEqualTo(UsageBasis.UPSTREAM));
    }

    @Test
    void aCutAfterTheFirstEventIsNeverRetriedAndIsChargedForWhatWasSent() throws IOException {
        boolean done = relay.deliver(exchange(), CHANNEL, ChannelType.OPENAI, "m", cutAfter(ROLE + TEXT), response);

        assertThat(done).as("bytes reached the client: no other channel may try").isTrue();
        assertThat(payer.charges).singleElement()
                .satisfies(charge -> assertThat(charge.usage().basis()).isEqualTo(UsageBasis.ESTIMATE));
        JsonNode last = Json.MAPPER.readTree(lastEvent(response.getContentAsString()));
        assertThat(last.path("error").path("type").asString()).isEqualTo("server_error");
    }

    private void assertNothingReachedTheClient() throws IOException {
        assertThat(response.isCommitted()).isFalse();
        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(response.getContentType()).isNull();
        assertThat(payer.confirmed).isZero();
        assertThat(payer.charges).isEmpty();
    }

    private static String lastEvent(String stream) {
        String[] events = stream.trim().split("\n\n");
        return events[events.length - 1].substring("data: ".length());
    }

    private static InputStream stream(String sse) {
        return new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes, then a connection reset. */
    private static InputStream cutAfter(String sse) {
        return new SequenceInputStream(stream(sse), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
    }

    private Exchange exchange() {
        ApiCall call = new ApiCall(Operation.CHAT_COMPLETIONS, "m", true, Json.MAPPER.createObjectNode(),
                new byte[0], () -> 10, 100, 1, Map.of());
        ModelPriceView price = new ModelPriceView("m", 1, 1_000_000_000, 2_000_000_000, null, null, null);
        return new Exchange(new RelayFakes.ChatApi(Operation.CHAT_COMPLETIONS), call, new Admission.Pricing("m", price, 1_000_000, 1_000_000), payer,
                CatalogSnapshot.EMPTY);
    }
}

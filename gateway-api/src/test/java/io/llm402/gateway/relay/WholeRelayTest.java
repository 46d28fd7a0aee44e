package io.llm402.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.wire.ChatWire;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.WireFormat;
import io.llm402.projections.catalog.api.ChannelView;
import io.llm402.projections.catalog.api.ModelPriceView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** A whole answer is charged before it is sent; an unusable one, or one with impossible usage, is a failed attempt. */
class WholeRelayTest {

    private static final ChannelView CHANNEL = new ChannelView("c-1", "main", "openai", "https://upstream", "v1:x",
            List.of("m"), Map.of(), List.of("default"), 0, 1, null, false, null);

    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final List<Charge> charges = new ArrayList<>();
    private final WholeRelay relay = new WholeRelay();

    @Test
    void anAnswerIsChargedFromItsUsageThenSent() throws IOException {
        assertThat(deliver("""
                {"choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":10,"completion_tokens":2}}"""))
                .isTrue();

        assertThat(charges).singleElement().satisfies(charge -> {
            assertThat(charge.usage().inputTokens()).isEqualTo(10);
            assertThat(charge.amountNanoUsd()).isEqualTo(10 * 1_000 + 2 * 2_000);
        });
        assertThat(response.getContentAsString()).contains("\"hi\"");
    }

    @Test
    void negativeOrAbsurdUsageIsAFailedAttemptNotAChargeOfZero() throws IOException {
        assertThat(deliver("""
                {"choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":-10,"completion_tokens":2}}"""))
                .isFalse();
        assertThat(deliver("""
                {"choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":1,"completion_tokens":1e300}}"""))
                .isFalse();
        assertThat(charges).isEmpty();
        assertThat(response.getContentAsByteArray()).isEmpty();
    }

    @Test
    void anErrorBodySentWith200IsAFailedAttempt() throws IOException {
        assertThat(deliver("{\"error\":{\"message\":\"overloaded\"}}")).isFalse();
        assertThat(deliver("not json")).isFalse();
        assertThat(charges).isEmpty();
    }

    private boolean deliver(String answer) throws IOException {
        ApiCall call = new ApiCall(Operation.CHAT_COMPLETIONS, "m", false, Json.MAPPER.createObjectNode(),
                new byte[0], () -> 10, 100, 1, Map.of());
        ModelPriceView price = new ModelPriceView("m", 1, 1_000_000_000, 2_000_000_000, null, null, null);
        Admission.Pricing pricing = new Admission.Pricing("m", price, 1_000_000, 1_000_000);
        Exchange exchange = new Exchange(new ChatOnly(), call, pricing, new Payer() {
                    @Override
                    public boolean confirm(HttpServletResponse ignored, WireFormat format) {
                        return true;
                    }

                    @Override
                    public void charge(Charge charge) {
                        charges.add(charge);
                    }

                    @Override
                    public void release(String reason) {
                    }

                    @Override
                    public boolean resolved() {
                        return !charges.isEmpty();
                    }
                }, CatalogSnapshot.EMPTY);
        return relay.deliver(exchange, CHANNEL, ChannelType.OPENAI, "m",
                new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), response);
    }

    private static final class ChatOnly implements ClientApi {

        @Override
        public Operation operation() {
            return Operation.CHAT_COMPLETIONS;
        }

        @Override
        public ApiCall parse(byte[] body, HttpServletRequest request, @Nullable String pathModel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type,
                                               String upstreamModel, String upstreamKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
            return ChatWire.usage(answer, type);
        }

        @Override
        public String outputText(JsonNode answer, ChannelType type) {
            return "";
        }
    }
}

package io.llm402.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.Charge;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelView;
import io.llm402.projections.catalog.api.ModelPriceView;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/** A whole answer is charged before it is sent; an unusable one, or one with impossible usage, is a failed attempt. */
class WholeRelayTest {

    private static final ChannelView CHANNEL = RelayFakes.CHANNEL;

    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final RelayFakes.RecordingPayer payer = new RelayFakes.RecordingPayer(charge -> { });
    private final List<Charge> charges = payer.charges;
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
        Exchange exchange = new Exchange(new RelayFakes.ChatApi(Operation.CHAT_COMPLETIONS), call, pricing, payer,
                CatalogSnapshot.EMPTY);
        return relay.deliver(exchange, CHANNEL, ChannelType.OPENAI, "m",
                new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), response);
    }
}

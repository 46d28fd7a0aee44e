package io.llm402.gateway.relay;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.Charge;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.wire.ChatStreamMeter;
import io.llm402.gateway.wire.ChatWire;
import io.llm402.gateway.wire.StreamMeter;
import io.llm402.gateway.wire.WireFormat;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What the relay tests share: one OpenAI channel, a Chat-wire API, and a payer that records its charges. */
final class RelayFakes {

    static final ChannelView CHANNEL = new ChannelView("c-1", "main", "openai", "https://upstream", List.of(new ChannelKey("fp", "v1:x")), KeySelection.RANDOM,
            List.of("m"), Map.of(), List.of("default"), 0, 1, null, false, null, true);

    private RelayFakes() {
    }

    /**
     * An API of {@code operation} that reads answers and streams as OpenAI Chat; the steps before the relay (parsing,
     * the upstream request) are not part of these tests and refuse to run.
     */
    record ChatApi(Operation operation) implements ClientApi {

        @Override
        public ApiCall parse(byte[] body, HttpServletRequest request, @Nullable String pathModel) {
            throw new UnsupportedOperationException("not used by the relay tests");
        }

        @Override
        public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type,
                                               String upstreamModel, String upstreamKey) {
            throw new UnsupportedOperationException("not used by the relay tests");
        }

        @Override
        public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
            return ChatWire.usage(answer, type);
        }

        @Override
        public String outputText(JsonNode answer, ChannelType type) {
            return "";
        }

        @Override
        public StreamMeter streamMeter(ApiCall call, ChannelView channel, ChannelType type) {
            return new ChatStreamMeter(false, false);
        }
    }

    /** Confirms every answer and records each charge; {@code onCharge} sees the moment of charging. */
    static final class RecordingPayer implements Payer {
        final List<Charge> charges = new ArrayList<>();
        private final Consumer<Charge> onCharge;
        int confirmed;

        RecordingPayer(Consumer<Charge> onCharge) {
            this.onCharge = onCharge;
        }

        @Override
        public boolean confirm(HttpServletResponse response, WireFormat format) {
            confirmed++;
            return true;
        }

        @Override
        public void charge(Charge charge) {
            onCharge.accept(charge);
            charges.add(charge);
        }

        @Override
        public void release(String reason) {
        }

        @Override
        public boolean resolved() {
            return !charges.isEmpty();
        }
    }
}

package io.llm402.gateway.relay;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.wire.BadRequestException;
import io.llm402.gateway.wire.StreamMeter;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One client-facing API: how to read its requests, address an upstream of a given type, read the usage out of the
 * answer and hand the answer back. {@link RelayEngine} does everything else (keys, routing, billing, failover).
 */
public interface ClientApi {

    Operation operation();

    /** Reads and validates the request; {@code pathModel} is the model named in the URL, when the API puts it there. */
    ApiCall parse(byte[] body, HttpServletRequest request, @Nullable String pathModel) throws BadRequestException;


    /** The upstream call for one channel; a request its format cannot express throws (the client gets a 400). */
    UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type, String upstreamModel,
                                    String upstreamKey) throws ConversionException;

    /** The usage in a whole (non-streamed) answer, or {@code null} when it has none. */
    @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type);

    /** The output text of a whole answer, for an estimate when it carries no usage. */
    String outputText(JsonNode answer, ChannelType type);

    /** The body the client receives for a whole answer; by default the upstream's bytes, unchanged. */
    default byte[] clientBody(ApiCall call, ChannelView channel, ChannelType type, byte[] answerBytes,
                              JsonNode answer) {
        return answerBytes;
    }

    /**
     * The answer when the model exists but no channel serves this API natively, or {@code null} for a 400. Token
     * counting answers with a local estimate rather than failing.
     */
    default byte @Nullable [] answerLocally(ApiCall call) {
        return null;
    }

    /** A meter for a streamed answer from a channel of this type. */
    default StreamMeter streamMeter(ApiCall call, ChannelView channel, ChannelType type) {
        throw new UnsupportedOperationException(operation() + " does not stream");
    }
}

package io.llm402.gateway.relay;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.EventStreamResponse;
import io.llm402.gateway.wire.SseEvent;
import io.llm402.gateway.wire.SseReader;
import io.llm402.gateway.wire.StreamMeter;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streamed answer, in two phases. Until the upstream's first real event, nothing reaches the client (not even the
 * 200 and the SSE headers): an upstream that closes, stalls past its timeout, sends an error event or garbage before
 * then is a failed attempt, and the next channel may try. From the first event on, events pass through as they arrive
 * and the stream never retries; the final event is held back until the charge is durable.
 */
final class StreamRelay implements Delivery {

    private static final Logger log = LoggerFactory.getLogger(StreamRelay.class);

    @Override
    public boolean deliver(Exchange exchange, ChannelView channel, ChannelType type, String upstreamModel,
                           InputStream in, HttpServletResponse response) throws IOException {
        StreamMeter meter;
        try {
            meter = exchange.api().streamMeter(exchange.call(), channel, type);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
        SseReader events = new SseReader(new BufferedInputStream(in, 8192));
        byte[] first;
        try {
            first = firstEvent(events, meter);
        } catch (IOException | RuntimeException beforeFirstEvent) {
            log.debug("Stream of request {} failed before its first event: {}",
                    response.getHeader(ClientErrors.REQUEST_ID_HEADER), beforeFirstEvent.toString());
            first = null;
        }
        if (first == null) {
            in.close();
            return false;
        }
        if (!exchange.payer().confirm(response, exchange.format())) {
            in.close();
            return true;
        }
        relay(exchange, channel, upstreamModel, in, events, meter, first, response);
        return true;
    }

    /**
     * The client bytes of the upstream's first real event, or {@code null} when the stream ended, or the upstream
     * reported an error, before one arrived. Dropped events (a usage chunk the client did not ask for) are not real.
     */
    private static byte @Nullable [] firstEvent(SseReader events, StreamMeter meter) throws IOException {
        SseEvent event;
        while ((event = events.next()) != null) {
            StreamMeter.Verdict verdict = meter.inspect(event);
            if (meter.failed()) {
                return null;
            }
            if (verdict == StreamMeter.Verdict.FORWARD) {
                byte[] bytes = meter.frame(event);
                if (bytes.length > 0) {
                    return bytes;
                }
            } else if (verdict == StreamMeter.Verdict.FINAL) {
                return null; // the end before any content: an empty stream
            }
        }
        return null;
    }

    /** Passes events through as they arrive; holds back the final one until the charge is durable. */
    private static void relay(Exchange exchange, ChannelView channel, String upstreamModel, InputStream in,
                              SseReader events, StreamMeter meter, byte[] first, HttpServletResponse response)
            throws IOException {
        List<byte[]> held = new ArrayList<>(2);
        boolean clientGone = false;
        boolean upstreamFailed = false;
        EventStreamResponse client = EventStreamResponse.open(response, meter.contentType());
        try (in) {
            try {
                client.send(first);
            } catch (IOException gone) {
                clientGone = true;
            }
            SseEvent event;
            while (!clientGone && (event = events.next()) != null) {
                StreamMeter.Verdict verdict = meter.inspect(event);
                if (verdict == StreamMeter.Verdict.DROP) {
                    continue;
                }
                byte[] bytes = meter.frame(event);
                if (verdict == StreamMeter.Verdict.FINAL || !held.isEmpty()) {
                    held.add(bytes);
                } else if (bytes.length > 0) { // a converted stream may have nothing to say for this event
                    try {
                        client.send(bytes);
                    } catch (IOException gone) {
                        clientGone = true;
                    }
                }
            }
        } catch (IOException | RuntimeException cut) {
            // A cut upstream, or an event a meter or converter could not handle: charge what was delivered.
            upstreamFailed = true;
            if (cut instanceof RuntimeException) {
                log.warn("Stream of request {} ended on a bad upstream event: {}",
                        response.getHeader(ClientErrors.REQUEST_ID_HEADER), cut.toString());
            }
        }
        finish(exchange, channel, upstreamModel, meter, client, held, clientGone, upstreamFailed);
    }

    /** Charges what the stream used, durably, then ends it: the held final event, or an in-band error. */
    private static void finish(Exchange exchange, ChannelView channel, String upstreamModel, StreamMeter meter,
                               EventStreamResponse client, List<byte[]> held, boolean clientGone,
                               boolean upstreamFailed) {
        CanonicalUsage reported = meter.usage();
        exchange.charge(channel, upstreamModel, reported != null ? reported : exchange.estimate(meter.outputText()));
        if (clientGone) {
            return;
        }
        try {
            if (!held.isEmpty() && !upstreamFailed) {
                for (byte[] bytes : held) {
                    client.send(bytes);
                }
                byte[] epilogue = meter.epilogue();
                if (epilogue != null) {
                    client.send(epilogue);
                }
            } else {
                client.send(meter.failure("The upstream stream ended before it was complete; you were charged "
                        + "for what was delivered."));
            }
        } catch (IOException gone) {
            // The client left after the last event; the charge stands.
        }
    }
}

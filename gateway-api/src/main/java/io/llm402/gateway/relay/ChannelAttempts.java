package io.llm402.gateway.relay;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.convert.ConversionException;
import io.llm402.gateway.reasoning.ModelSuffix;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.gateway.channels.KeyDisabling;
import io.llm402.gateway.routing.ChannelCircuits;
import io.llm402.gateway.routing.KeyPicker;
import io.llm402.gateway.upstream.IdleTimeouts;
import io.llm402.gateway.upstream.UpstreamError;
import io.llm402.gateway.upstream.UpstreamClient;
import io.llm402.gateway.upstream.ChannelRequestOptions;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.upstream.UpstreamResponse;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.Failure;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failover: tries the channels in the router's order until one answers, and hands the answer to its delivery. A
 * channel's fault (no connection, a timeout, a status the retry rules name — by default 401-404/408/429/5xx — or an
 * answer unusable before anything reached the client) moves on to the next channel; another error status ends the
 * request. Each attempt uses one of the channel's enabled keys; an error saying that key is dead disables it. When every
 * channel failed, the hold is released and the client gets one error in its format. Each channel's outcome feeds its
 * circuit ({@link ChannelCircuits}): a channel failing again and again is passed over for a while.
 */
final class ChannelAttempts {

    private static final Logger log = LoggerFactory.getLogger(ChannelAttempts.class);
    private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;

    private final UpstreamClient upstream;
    private final IdleTimeouts idleTimeouts;
    private final SecretBox secretBox;
    private final ChannelCircuits circuits;
    private final KeyPicker keys;
    private final KeyDisabling disabling;
    private final WholeRelay whole = new WholeRelay();
    private final StreamRelay stream = new StreamRelay();
    private final ConcurrentHashMap<String, String> openedKeys = new ConcurrentHashMap<>();

    private final ChannelRequestOptions requestOptions;

    ChannelAttempts(UpstreamClient upstream, IdleTimeouts idleTimeouts, SecretBox secretBox,
                    ChannelCircuits circuits, KeyPicker keys, KeyDisabling disabling) {
        this.circuits = circuits;
        this.keys = keys;
        this.disabling = disabling;
        this.upstream = upstream;
        this.idleTimeouts = idleTimeouts;
        this.secretBox = secretBox;
        this.requestOptions = new ChannelRequestOptions(secretBox);
    }

    /** The last failure seen, for the client's error when every channel failed. */
    private static final class Failed {
        String log = "no channel";
        Failure failure = Failure.UPSTREAM;
        String message = "No upstream channel could serve the request; it was not charged.";
    }

    /**
     * Tries the channels in {@code order}, at most {@code maxAttempts} of them. A channel whose circuit is open is
     * passed over without counting as an attempt; when every circuit is open, they are tried anyway rather than the
     * request refused.
     */
    void run(Exchange exchange, List<ChannelView> order, int maxAttempts, HttpServletResponse response)
            throws IOException {
        Failed failed = new Failed();
        List<ChannelView> passedOver = new ArrayList<>();
        int attempts = 0;
        for (ChannelView channel : order) {
            if (attempts >= maxAttempts) {
                break;
            }
            if (!circuits.tryEnter(channel)) {
                passedOver.add(channel);
                continue;
            }
            attempts++;
            if (attempt(exchange, channel, true, failed, response)) {
                return;
            }
        }
        if (attempts == 0) {
            for (ChannelView channel : passedOver) {
                if (attempts++ >= maxAttempts) {
                    break;
                }
                if (attempt(exchange, channel, false, failed, response)) {
                    return;
                }
            }
        }
        log.info("Request {} failed on every channel ({})", response.getHeader(ClientErrors.REQUEST_ID_HEADER),
                failed.log);
        exchange.payer().release("all upstream channels failed: " + failed.log);
        ClientErrors.write(response, exchange.format(), failed.failure, failed.message,
                failed.failure == Failure.OVERLOADED ? "overloaded"
                        : failed.failure == Failure.TIMEOUT ? "timeout" : "upstream_unavailable");
    }

    /**
     * One channel: {@code true} when the request is done (answered, or refused as the client's fault), {@code false}
     * to go on to the next channel.
     *
     * @param entered whether the channel's circuit let this request in (and so hears how it went)
     */
    private boolean attempt(Exchange exchange, ChannelView channel, boolean entered, Failed failed,
                            HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        ChannelType type = ChannelType.fromWireName(channel.type());
        // Mapped first, then a listed name's reasoning suffix comes off (new-api's order).
        String upstreamModel = ModelSuffix.upstreamName(channel.modelMapping().getOrDefault(
                exchange.call().routedModel(), exchange.call().routedModel()), exchange.call().reasoning());
        List<String> deadKeys = List.of();
        while (true) {
            ChannelKey picked = keys.pick(channel, deadKeys);
            Status status;
            try {
                status = attemptWithKey(exchange, channel, type, upstreamModel, picked, failed, response);
            } catch (IOException | RuntimeException e) {
                // The client went away, or the gateway failed: nothing is known of the channel.
                release(channel, entered);
                throw e;
            }
            switch (status) {
                case DELIVER, CLIENT_FAULT_ANSWERED -> {
                    if (status == Status.CLIENT_FAULT_ANSWERED) {
                        release(channel, entered);
                    } else if (entered) {
                        circuits.succeeded(channel, System.nanoTime() - start);
                    }
                    return true;
                }
                case KEY_DEAD -> {
                    // The channel's other keys may well work: the same channel again, without that key.
                    deadKeys = new ArrayList<>(deadKeys);
                    deadKeys.add(picked.fingerprint());
                    if (deadKeys.size() < channel.keys().size()) {
                        continue;
                    }
                }
                default -> {
                }
            }
            fault(channel, entered, start);
            return false;
        }
    }

    /** One request to the channel with one key; {@code DELIVER} once the answer reached the client. */
    private Status attemptWithKey(Exchange exchange, ChannelView channel, ChannelType type, String upstreamModel,
                                  ChannelKey picked, Failed failed, HttpServletResponse response) throws IOException {
        String key = openKey(picked.sealedKey());
        UpstreamRequest request;
        try {
            request = requestOptions.apply(
                    exchange.api().upstreamRequest(exchange.call(), channel, type, upstreamModel, key), channel, key);
        } catch (ConversionException e) {
            exchange.payer().release("request not expressible upstream: " + e.getMessage());
            ClientErrors.write(response, exchange.format(), Failure.MALFORMED, e.getMessage(),
                    "unsupported_parameter");
            return Status.CLIENT_FAULT_ANSWERED;
        }
        UpstreamResponse answer = send(request, channel, failed);
        if (answer == null) {
            return Status.CHANNEL_FAULT;
        }
        Status status = status(answer, exchange, channel, type, picked, key, failed, response);
        if (status != Status.DELIVER) {
            return status;
        }
        InputStream body = idleTimeouts.watch(answer.body());
        Delivery delivery = exchange.call().stream() ? stream : whole;
        if (delivery.deliver(exchange, channel, type, upstreamModel, body, response)) {
            return Status.DELIVER;
        }
        failed.log = "channel " + channel.name() + ": unusable answer";
        return Status.CHANNEL_FAULT;
    }

    private void fault(ChannelView channel, boolean entered, long start) {
        if (entered) {
            circuits.failed(channel, System.nanoTime() - start);
        }
    }

    private void release(ChannelView channel, boolean entered) {
        if (entered) {
            circuits.released(channel);
        }
    }

    private @Nullable UpstreamResponse send(UpstreamRequest request, ChannelView channel, Failed failed) {
        try {
            return upstream.send(request);
        } catch (SocketTimeoutException e) {
            failed.log = "channel " + channel.name() + ": timeout";
            failed.failure = Failure.TIMEOUT;
            failed.message = "The upstream did not answer in time; the request was not charged.";
        } catch (IOException e) {
            failed.log = "channel " + channel.name() + ": " + e.getClass().getSimpleName();
        }
        return null;
    }

    /** An attempt's outcome; {@code KEY_DEAD} is a channel fault the disable rules put on the key. */
    private enum Status { DELIVER, CHANNEL_FAULT, KEY_DEAD, CLIENT_FAULT_ANSWERED }

    /**
     * What the answer's status means. A channel fault (by the retry rules) is noted for failover; any other error
     * status is the client's: the hold is released and the upstream's (cleaned) error passed on. Either way an error
     * that says the key is dead disables the key, when the disable rules are on.
     */
    private Status status(UpstreamResponse answer, Exchange exchange, ChannelView channel, ChannelType type,
                          ChannelKey picked, String key, Failed failed, HttpServletResponse response)
            throws IOException {
        int status = answer.statusCode();
        if (status < 400) {
            return Status.DELIVER;
        }
        UpstreamError error = readError(answer, type, channel, key);
        String disableReason = exchange.snapshot().disableRules().reason(type, channel.autoDisable(), error);
        if (disableReason != null) {
            disabling.disable(channel.channelId(), picked.fingerprint(), disableReason);
        }
        if (exchange.snapshot().retryRules().channelFault(status)) {
            // The upstream's text stays in the operator's log: it can name hosts, ports, organisations, masked keys.
            log.info("Request {}: channel {} answered HTTP {}: {}", response.getHeader(ClientErrors.REQUEST_ID_HEADER),
                    channel.name(), status, error.message() == null ? "(no message)" : error.message());
            failed.log = "channel " + channel.name() + ": HTTP " + status;
            failed.failure = status == 429 || status >= 500 ? Failure.ofUpstreamStatus(status) : Failure.UPSTREAM;
            failed.message = clientMessage(status);
            return disableReason != null ? Status.KEY_DEAD : Status.CHANNEL_FAULT;
        }
        exchange.payer().release("upstream answered HTTP " + status);
        int clientStatus = ChannelRequestOptions.clientStatus(channel, status);
        ClientErrors.write(response, exchange.format(), Failure.ofUpstreamStatus(clientStatus), clientStatus,
                error.message() != null ? error.message() : "The upstream rejected the request.", "upstream_rejected");
        return Status.CLIENT_FAULT_ANSWERED;
    }

    /** A fixed message per status class: no upstream detail reaches the client (the request id names it in the log). */
    static String clientMessage(int status) {
        if (status == 429) {
            return "The upstream is rate limiting requests; retry later. The request was not charged.";
        }
        if (status == 503 || status == 529) {
            return "The upstream is overloaded; retry later. The request was not charged.";
        }
        if (status >= 500) {
            return "The upstream failed to answer; the request was not charged.";
        }
        return "No upstream channel could serve the request; it was not charged.";
    }

    /** The upstream's error, with its key and address removed from the message: neither may reach the client. */
    private static UpstreamError readError(UpstreamResponse answer, ChannelType type, ChannelView channel,
                                           String key) {
        byte[] body;
        try (InputStream in = answer.body()) {
            body = in.readNBytes(MAX_ERROR_BODY_BYTES);
        } catch (IOException e) {
            return new UpstreamError(answer.statusCode(), null, null, null);
        }
        return UpstreamError.of(type, answer.statusCode(), body).redacted(key, URI.create(channel.baseUrl()).getHost());
    }

    /**
     * Channel keys are opened once, not per request (AES-GCM set-up was measurable on the hot path). The map only grows
     * when a key is replaced; it is dropped whole past a bound that no real channel list reaches.
     */
    private String openKey(String sealedKey) {
        if (openedKeys.size() > 4096) {
            openedKeys.clear();
        }
        return openedKeys.computeIfAbsent(sealedKey, secretBox::open);
    }
}
